package dev.resolvechain.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Selector;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Connected, non-blocking UDP channels kept for one server on loopback, each used by one exchange
 * at a time. Every other server gets a fresh channel, with a fresh random source port, per
 * exchange, as glibc does: that port is what makes a spoofed answer hard to land. On loopback no
 * one off the machine can send one, and opening, connecting and closing a socket costs more than a
 * loopback exchange itself (about 10 µs against 7). A channel is kept only after a clean exchange
 * (every query on it answered): a late answer or port-unreachable error left over from a timeout
 * would otherwise meet the next exchange. Channels of a client that is replaced (resolv.conf
 * changed) are closed by the JDK's cleaner when the client is collected.
 */
final class KeptSockets {
    private static final int MAX_KEPT = 4;

    private final InetSocketAddress server;
    private final ArrayBlockingQueue<DatagramChannel> idle = new ArrayBlockingQueue<>(MAX_KEPT);

    KeptSockets(InetSocketAddress server) {
        this.server = server;
    }

    /** A kept channel, or a new one connected to the server; give it back after a clean exchange, else close it. */
    DatagramChannel take() throws IOException {
        DatagramChannel channel = idle.poll();
        return channel != null ? channel : connected(server);
    }

    void giveBack(DatagramChannel channel) throws IOException {
        if (!idle.offer(channel)) {
            channel.close();
        }
    }

    static DatagramChannel connected(InetSocketAddress server) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.configureBlocking(false);
            channel.connect(server);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** Selectors kept for a client's exchanges: opening one costs about as much as a loopback exchange. */
    static final class Selectors {
        private final ArrayBlockingQueue<Selector> idle = new ArrayBlockingQueue<>(MAX_KEPT);

        Selector take() throws IOException {
            Selector selector = idle.poll();
            return selector != null ? selector : Selector.open();
        }

        /** Back to the pool with no channel registered (their keys were cancelled), or closed. */
        void giveBack(Selector selector) throws IOException {
            selector.selectNow(); // flushes the cancelled keys
            if (!selector.keys().isEmpty() || !idle.offer(selector)) {
                selector.close();
            }
        }
    }
}
