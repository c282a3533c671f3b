package dev.resolvechain.testkit;

/** Where the reply to a query goes: back to the UDP peer, or down the TCP connection it came on. */
interface ReplyChannel {

    Transport transport();

    int sourcePort();

    /** Sends one DNS message; a client that is gone, or a server that was stopped meanwhile, is not an error. */
    void send(byte[] wire);
}
