package dev.resolvechain.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Connected, non-blocking UDP channels kept for one server on loopback, each used by one exchange
 * at a time, each with a {@link Waiter} of its own in whose selector it stays registered: an
 * exchange that starts with this server pays no system call to set up. Every other server gets a
 * fresh channel, with a fresh random source port, per exchange, as glibc does: that port is what
 * makes a spoofed answer hard to land. On loopback no one off the machine can send one, and
 * opening, connecting and closing a socket costs more than a loopback exchange itself (about 10 µs
 * against 7). A channel is kept only after a clean exchange (every query on it answered): a late
 * answer or port-unreachable error left over from a timeout would otherwise meet the next exchange.
 * Channels of a client that is replaced (resolv.conf changed) are closed by the JDK's cleaner when
 * the client is collected.
 */
final class KeptSockets {
    private static final int MAX_KEPT = 4;
    /** Larger than the payload we advertise; a datagram that fills it was cut (and is asked again over TCP). */
    static final int RECEIVE_BUFFER = 4096;

    private final InetSocketAddress server;
    private final ArrayBlockingQueue<Kept> idle = new ArrayBlockingQueue<>(MAX_KEPT);

    /** What one exchange waits with: a selector, and the buffer datagrams are received into. */
    static final class Waiter {
        final Selector selector;
        final ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER);

        Waiter(Selector selector) {
            this.selector = selector;
        }

        static Waiter open() throws IOException {
            return new Waiter(Selector.open());
        }

        /**
         * Whether it can be used again: no key is left but the {@code keptKeys} it keeps, once the
         * cancelled ones are flushed ({@code flush}: an exchange cancelled some, or closed a channel).
         */
        boolean reusable(int keptKeys, boolean flush) {
            try {
                if (flush) {
                    selector.selectNow();
                }
                return selector.keys().size() == keptKeys;
            } catch (IOException e) {
                return false;
            }
        }

        void close() {
            try {
                selector.close();
            } catch (IOException e) {
                // a selector that cannot close is left to the cleaner
            }
        }
    }

    /** A kept channel and the waiter it stays registered with. */
    record Kept(DatagramChannel channel, Waiter waiter) {
        SelectionKey key() {
            return channel.keyFor(waiter.selector);
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a datagram channel: nothing to do about it
            }
            waiter.close();
        }
    }

    KeptSockets(InetSocketAddress server) {
        this.server = server;
    }

    /** A kept channel with its waiter, or a new pair; give it back after a clean exchange, else close it. */
    Kept take() throws IOException {
        Kept kept = idle.poll();
        if (kept != null) {
            return kept;
        }
        DatagramChannel channel = connected(server);
        Waiter waiter;
        try {
            waiter = Waiter.open();
            channel.register(waiter.selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new Kept(channel, waiter);
    }

    /** Back to the pool after a clean exchange; {@code flush}: the exchange registered other channels with its waiter. */
    void giveBack(Kept kept, boolean flush) {
        if (!kept.waiter().reusable(1, flush) || !idle.offer(kept)) {
            kept.close();
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

    /** Waiters for the exchanges whose first server has no kept channels: opening a selector costs about a loopback exchange. */
    static final class Waiters {
        private final ArrayBlockingQueue<Waiter> idle = new ArrayBlockingQueue<>(MAX_KEPT);

        Waiter take() throws IOException {
            Waiter waiter = idle.poll();
            return waiter != null ? waiter : Waiter.open();
        }

        /** Back to the pool with no channel registered (their keys were cancelled), or closed. */
        void giveBack(Waiter waiter) {
            if (!waiter.reusable(0, true) || !idle.offer(waiter)) {
                waiter.close();
            }
        }
    }
}
