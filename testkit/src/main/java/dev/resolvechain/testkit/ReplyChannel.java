package dev.resolvechain.testkit;

/** Where the reply to a query goes: back to the UDP peer, or down the TCP connection it came on. */
abstract class ReplyChannel {

    private final Transport transport;
    private final int sourcePort;

    ReplyChannel(Transport transport, int sourcePort) {
        this.transport = transport;
        this.sourcePort = sourcePort;
    }

    final Transport transport() {
        return transport;
    }

    /** The client's port. */
    final int sourcePort() {
        return sourcePort;
    }

    /** Sends one DNS message; a client that is gone, or a server that was stopped meanwhile, is not an error. */
    abstract void send(byte[] wire);
}
