package dev.resolvechain.wire;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * The sockets of one {@link Exchange}: a channel per server asked, kept ones for servers on
 * loopback ({@link KeptSockets}), and the waiter they are registered with; at the end, what is
 * clean goes back to be kept, the rest is closed.
 */
final class ExchangeSockets {
    private final DnsClient client;
    private final ExchangeLedger ledger;
    private final ExchangeLedger.Server[] servers;

    ExchangeSockets(DnsClient client, ExchangeLedger ledger) {
        this.client = client;
        this.ledger = ledger;
        this.servers = ledger.servers;
    }

    /**
     * What this exchange waits with: the waiter of the first server's kept channel, which that
     * channel stays registered with, when it has one (no system call to set up), else a pooled one.
     */
    KeptSockets.Waiter waiter() throws IOException {
        ExchangeLedger.Server first = servers[0];
        KeptSockets kept = client.keptSockets(first.endpoint);
        if (kept != null) {
            try {
                first.kept = kept.take();
                first.channel = first.kept.channel();
                first.kept.key().attach(0);
                return first.kept.waiter();
            } catch (IOException e) {
                ledger.unreachable(0, "cannot be reached: " + e.getMessage());
            }
        }
        return client.waiters().take();
    }

    /** A channel to server {@code index} (kept, when it is on loopback), registered with {@code selector}. */
    void open(int index, Selector selector) throws IOException {
        ExchangeLedger.Server server = servers[index];
        KeptSockets kept = client.keptSockets(server.endpoint);
        server.kept = kept == null ? null : kept.take();
        server.channel = kept == null ? KeptSockets.connected(server.endpoint.socketAddress()) : server.kept.channel();
        server.channel.register(selector, SelectionKey.OP_READ, index);
        server.registeredHere = true;
    }

    /**
     * Gives back the kept channels of servers with nothing outstanding, closes the others, and
     * cancels what this exchange registered with its waiter, which goes back with its kept channel or
     * to the pool.
     */
    void release(KeptSockets.Waiter waiter) {
        boolean flush = false;
        ExchangeLedger.Server first = servers[0];
        boolean firstClean = false;
        for (int index = 0; index < servers.length; index++) {
            ExchangeLedger.Server server = servers[index];
            if (server.channel == null) {
                continue;
            }
            boolean clean = server.kept != null && !server.done && !ledger.pendingWith(index);
            if (server.registeredHere && waiter != null) {
                SelectionKey key = server.channel.keyFor(waiter.selector);
                if (key != null) {
                    key.cancel();
                }
                flush = true;
            }
            if (server.kept == null) {
                close(server.channel);
            } else if (server == first && server.kept.waiter() == waiter) {
                firstClean = clean;
            } else if (clean) {
                client.keptSockets(server.endpoint).giveBack(server.kept, false);
            } else {
                server.kept.close();
            }
        }
        if (waiter == null) {
            return;
        }
        if (first.kept != null && first.kept.waiter() == waiter) {
            if (firstClean) {
                client.keptSockets(first.endpoint).giveBack(first.kept, flush);
            } else {
                first.kept.close();
            }
        } else {
            client.waiters().giveBack(waiter);
        }
    }

    private static void close(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a datagram channel: nothing to do about it
        }
    }
}
