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
    final void send(byte[] wire) {
        write(framed(wire));
    }

    /** A DNS message as this transport carries it: a datagram as it is, on TCP behind its two-byte length. */
    abstract byte[] framed(byte[] wire);

    /** Writes {@code bytes} as they are (one datagram over UDP); false when the client is gone or the server was stopped. */
    abstract boolean write(byte[] bytes);
}
