package dev.resolvechain.wire;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;

/**
 * The questions of one lookup (a name and its record types, A and AAAA sent back to back) asked of
 * the client's servers in order until each is answered or the exchange's end. A server that has
 * not answered within its retry interval ({@link DnsClient#retryNanos}) does not hold the lookup:
 * the next server is asked, and every server asked is still listened to, so the first answer wins.
 * Each query has an id of its own, so an answer says which query, server and send it answers.
 *
 * <p>A response must match the id and the question of a query sent to the server it comes from;
 * anything else is ignored and the wait goes on. A truncated response, or one too large for the
 * receive buffer, is asked again over TCP within the same end. NOERROR and NXDOMAIN are final; a
 * server that answers SERVFAIL, REFUSED or garbage for every open question is asked again after
 * its retry interval, as many times as glibc's attempts, and meanwhile the next is asked at once;
 * a server that cannot be reached is not asked again. Waits are short slices: a JVM that exits
 * never waits on a lookup's thread.
 */
final class Exchange {
    private static final long WAIT_SLICE_NANOS = 20_000_000L;

    private final DnsName name;
    private final int[] types;
    private final DnsClient client;
    private final ExchangeLedger ledger;
    /** The ledger's: the answers, the servers' parts and the queries out, by the ledger's names. */
    private final DnsAnswer[] answers;
    private final ExchangeLedger.Server[] servers;
    private final List<ExchangeLedger.Pending> pending;
    private final ExchangeSockets sockets;

    Exchange(DnsName name, int[] types, DnsClient client, List<Endpoint> order) {
        this.name = name;
        this.types = types;
        this.client = client;
        this.ledger = new ExchangeLedger(types.length, client, order);
        this.answers = ledger.answers;
        this.servers = ledger.servers;
        this.pending = ledger.pending;
        this.sockets = new ExchangeSockets(client, ledger);
    }

    /** Asks until every question is answered or {@code endNanos}; {@code endReason} says why the end came, if it does. */
    DnsAnswer[] run(long endNanos, String endReason) {
        KeptSockets.Waiter waiter = null;
        try {
            waiter = sockets.waiter();
            loop(waiter, endNanos);
        } catch (IOException e) {
            for (ExchangeLedger.Server server : servers) {
                server.error = server.error != null ? server.error : e.toString();
            }
        } finally {
            long now = System.nanoTime();
            ledger.judge(now);
            sockets.release(waiter);
            ledger.failRemaining(now - endNanos >= 0 ? endReason : null, now);
        }
        return answers;
    }

    private void loop(KeptSockets.Waiter waiter, long endNanos) throws IOException {
        Selector selector = waiter.selector;
        int cursor = 0;
        long nextSend = System.nanoTime();
        while (ledger.open > 0) {
            long now = System.nanoTime();
            if (now - endNanos >= 0) {
                return;
            }
            if (now - nextSend >= 0) {
                int next = nextServer(cursor, now);
                if (next >= 0) {
                    send(selector, next, now);
                    cursor = next + 1;
                    nextSend = now + interval(next, now, endNanos);
                } else {
                    nextSend = restEnd(now, endNanos);
                    if (nextSend == endNanos && !ledger.awaitingAnswer()) {
                        return; // nobody left to ask, and nothing to wait for
                    }
                }
            }
            long wait = Math.min(Math.min(nextSend, endNanos) - now, WAIT_SLICE_NANOS);
            int ready = wait <= 0 ? selector.selectNow() : selector.select(Math.max(1, wait / 1_000_000));
            if (ready > 0 && receiveAll(waiter, endNanos)) {
                nextSend = System.nanoTime(); // a server gave up on every question: the next is asked at once
            }
        }
    }

    /** The next server from {@code cursor} on (wrapping) that may be asked now, or -1. */
    private int nextServer(int cursor, long now) {
        for (int i = 0; i < servers.length; i++) {
            int candidate = (cursor + i) % servers.length;
            ExchangeLedger.Server server = servers[candidate];
            if (!server.done && client.maySend(server.sends) && now - server.restUntilNanos >= 0) {
                return candidate;
            }
        }
        return -1;
    }

    /** When a server that rests after errors may be asked again; {@code endNanos} when none does. */
    private long restEnd(long now, long endNanos) {
        long soonest = endNanos;
        for (ExchangeLedger.Server server : servers) {
            boolean resting = !server.done && client.maySend(server.sends) && server.restUntilNanos - now > 0;
            if (resting && server.restUntilNanos - soonest < 0) {
                soonest = server.restUntilNanos;
            }
        }
        return soonest;
    }

    /**
     * How long to wait for {@code index} before asking the next server: its retry interval, longer
     * with each send to it (×1.5, up to the try timeout), and while some server has not been asked
     * at all, no more than a fair share of the time left, so that every server gets its chance.
     */
    private long interval(int index, long now, long endNanos) {
        ExchangeLedger.Server server = servers[index];
        long retry = client.retryNanos(server.endpoint, server.sends);
        if (server.sends == 1) {
            server.firstRetryNanos = retry;
        }
        int unasked = 0;
        for (ExchangeLedger.Server other : servers) {
            unasked += other.sends == 0 && !other.done ? 1 : 0;
        }
        return unasked == 0 ? retry : Math.min(retry, (endNanos - now) / (unasked + 1));
    }

    private void send(Selector selector, int index, long now) {
        ExchangeLedger.Server server = servers[index];
        try {
            if (server.channel == null) {
                sockets.open(index, selector);
            }
            int ids = DnsMessages.randomIds();
            for (int q = 0; q < types.length; q++) {
                if (answers[q] == null) {
                    int id = DnsMessages.queryId(ids, q);
                    server.channel.write(ByteBuffer.wrap(DnsMessages.query(name, types[q], id)));
                    pending.add(new ExchangeLedger.Pending(id, index, q, System.nanoTime()));
                }
            }
            if (server.sends++ == 0) {
                server.firstSentNanos = now;
            }
        } catch (PortUnreachableException e) {
            ledger.unreachable(index, "port unreachable (no DNS server listens there)");
        } catch (IOException e) {
            ledger.unreachable(index, "cannot be reached: " + e.getMessage());
        }
    }

    /** Reads the datagrams waiting (until every question is answered); returns true when a server gave up on every open question. */
    private boolean receiveAll(KeptSockets.Waiter waiter, long endNanos) {
        boolean gaveUp = false;
        ByteBuffer buffer = waiter.buffer;
        for (SelectionKey key : waiter.selector.selectedKeys()) {
            int index = (Integer) key.attachment();
            DatagramChannel channel = (DatagramChannel) key.channel();
            try {
                while (ledger.open > 0) {
                    buffer.clear();
                    if (channel.receive(buffer) == null) {
                        break;
                    }
                    buffer.flip();
                    gaveUp |= received(index, buffer, buffer.remaining() == KeptSockets.RECEIVE_BUFFER, endNanos);
                }
            } catch (PortUnreachableException e) {
                gaveUp |= ledger.unreachable(index, "port unreachable (no DNS server listens there)");
            } catch (IOException e) {
                gaveUp |= ledger.unreachable(index, e.toString());
            }
        }
        waiter.selector.selectedKeys().clear();
        return gaveUp;
    }

    /** One datagram from server {@code index}; returns true when that server gave up on every open question. */
    private boolean received(int index, ByteBuffer datagram, boolean cut, long endNanos) {
        // a datagram cut by the buffer does not parse: its id, from its own server, says which query to ask again over TCP
        DnsResponse response = cut ? null : DnsMessages.parse(datagram);
        ExchangeLedger.Pending query = cut ? ledger.pendingWithId(index, datagram.getShort(0) & 0xffff) : response == null ? null : matching(index, response);
        if (query == null) {
            ledger.ignored = response == null && !cut ? "an unparsable datagram" : "a response to no open query (wrong id or question)";
            return false;
        }
        ledger.settled(index, query.question());
        ExchangeLedger.Server server = servers[index];
        long rtt = System.nanoTime() - query.sentNanos();
        if (cut || response.truncated()) {
            response = overTcp(server.endpoint, query, endNanos);
            if (response == null) {
                return ledger.error(index, query.question(), "truncated over UDP, and no valid answer over TCP", DnsAnswer.Failure.OTHER);
            }
        }
        int rcode = response.rcode;
        if (!DnsMessages.isFinal(rcode)) {
            return ledger.error(index, query.question(), DnsMessages.rcodeName(rcode),
                    rcode == DnsMessages.SERVFAIL ? DnsAnswer.Failure.SERVFAIL : DnsAnswer.Failure.OTHER);
        }
        client.answered(server.endpoint, rtt);
        ledger.answer(index, query.question(), DnsMessages.answerOf(response, name, types[query.question()], server.endpoint, rtt / 1000));
        return false;
    }

    /**
     * The pending query that {@code response} from server {@code index} answers, or null. Some
     * servers leave the question out of an error response (REFUSED, FORMERR); the id alone then says which.
     */
    private ExchangeLedger.Pending matching(int index, DnsResponse response) {
        if (!response.isResponse()) {
            return null;
        }
        int id = response.id;
        boolean errorWithoutQuestion = !response.hasQuestion() && !DnsMessages.isFinal(response.rcode);
        for (ExchangeLedger.Pending query : pending) {
            if (query.server() == index && query.id() == id && (errorWithoutQuestion || response.asks(name, types[query.question()]))) {
                return query;
            }
        }
        return null;
    }

    /** The answer over TCP if it is one to this query, else null. */
    private DnsResponse overTcp(Endpoint server, ExchangeLedger.Pending query, long endNanos) {
        try {
            long tcpEnd = Math.min(endNanos, System.nanoTime() + client.tryTimeoutNanos());
            DnsResponse response = TcpQuery.ask(server, DnsMessages.query(name, types[query.question()], query.id()), tcpEnd);
            return response.id == query.id() && response.asks(name, types[query.question()]) ? response : null;
        } catch (IOException e) {
            return null;
        }
    }
}
