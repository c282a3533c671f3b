package dev.resolvechain.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;

/** A UDP and a TCP listener on the same address and port, as a DNS server has. */
final class Listeners implements AutoCloseable {

    /** An ephemeral UDP port may be taken for TCP; this many tries make that failure practically impossible. */
    private static final int EPHEMERAL_TRIES = 20;

    private final UdpListener udp;
    private final TcpListener tcp;

    private Listeners(UdpListener udp, TcpListener tcp) {
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Binds both; port 0 picks an ephemeral port that is free for both. */
    static Listeners bind(InetAddress address, int port) {
        try {
            for (int tried = 1; ; tried++) {
                UdpListener udp = new UdpListener(new InetSocketAddress(address, port));
                try {
                    return new Listeners(udp, new TcpListener(new InetSocketAddress(address, udp.port())));
                } catch (IOException e) {
                    udp.close();
                    boolean anotherPortMayDo = port == 0 && e instanceof BindException && tried < EPHEMERAL_TRIES;
                    if (!anotherPortMayDo) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.getHostAddress() + " port " + port, e);
        }
    }

    int port() {
        return udp.port();
    }

    void serve(QueryHandler handler, ThreadFactory threads) {
        udp.serve(handler, threads);
        tcp.serve(handler, threads);
    }

    @Override
    public void close() {
        try {
            udp.close();
        } finally {
            tcp.close();
        }
    }
}
