package dev.resolvechain.wire;

import dev.resolvechain.Deadline;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * The questions of one lookup (a name and its record types, A and AAAA sent back to back) and what
 * has been learnt about them so far, asked of one server after another by {@link DnsClient}. A
 * response must match the id and the question of a query it answers; anything else is ignored and
 * the wait goes on. A truncated response is asked again over TCP. NOERROR and NXDOMAIN are final; a
 * timeout, SERVFAIL, REFUSED or any other error leaves the question open for the next server.
 */
final class Exchange {
    /** Larger than the payload we advertise, so a server that ignores it is still read whole. */
    private static final int RECEIVE_BUFFER = 4096;

    private final Name name;
    private final int[] types;
    /** How long one server is given per try (further capped by the lookup's deadline). */
    private final Duration timeout;
    final DnsAnswer[] answers;
    /** Per question, each server's last error, in the order asked. */
    final List<Map<Endpoint, String>> errors;
    /** Per question, the kind of the last error, and whether any server was reached at all. */
    final DnsAnswer.Failure[] lastFailure;
    final boolean[] reached;
    int open;

    Exchange(Name name, int[] types, Duration timeout) {
        this.name = name;
        this.types = types;
        this.timeout = timeout;
        this.answers = new DnsAnswer[types.length];
        this.errors = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            errors.add(null);
        }
        this.lastFailure = new DnsAnswer.Failure[types.length];
        this.reached = new boolean[types.length];
        this.open = types.length;
    }

    /** Asks {@code server} the open questions, on one of its kept sockets when it has them (null: a fresh socket). */
    void with(Endpoint server, KeptSockets kept, Deadline deadline) {
        byte[][] queries = openQueries();
        DatagramSocket socket = null;
        try {
            socket = kept != null ? kept.take() : KeptSockets.connected(server.socketAddress());
            for (byte[] query : queries) {
                if (query != null) {
                    socket.send(new DatagramPacket(query, query.length));
                }
            }
            // the server's time starts once the queries are out: building them and the socket is ours
            // (a JVM's first query loads dnsjava's classes, over 100 ms, as long as a short timeout)
            long start = System.nanoTime();
            long tryNanos = deadline.capNanos(timeout);
            String ignored = receive(socket, queries, server, start, start + tryNanos, deadline);
            if (kept != null && !openIn(queries)) {
                kept.giveBack(socket);
                socket = null;
            }
            failOpen(queries, server, "timed out after " + tryNanos / 1_000_000 + " ms" + (ignored == null ? "" : " (ignored " + ignored + ")"),
                    DnsAnswer.Failure.OTHER);
        } catch (PortUnreachableException e) {
            failOpen(queries, server, "port unreachable (no DNS server listens there)", DnsAnswer.Failure.UNREACHABLE);
        } catch (IOException e) {
            failOpen(queries, server, e.toString(), DnsAnswer.Failure.OTHER);
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** A query for each question still open, under random ids; null for the others. */
    private byte[][] openQueries() {
        byte[][] queries = new byte[types.length][];
        int ids = DnsMessages.randomIds();
        for (int i = 0; i < types.length; i++) {
            if (answers[i] == null) {
                queries[i] = DnsMessages.query(name, types[i], DnsMessages.queryId(ids, i));
            }
        }
        return queries;
    }

    /**
     * Takes responses until every query is settled (its entry set to null) or {@code endNanos};
     * returns what kind of datagram was last ignored, or null.
     */
    private String receive(DatagramSocket socket, byte[][] queries, Endpoint server, long start, long endNanos, Deadline deadline)
            throws IOException {
        byte[] buffer = new byte[RECEIVE_BUFFER];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        String ignored = null;
        while (openIn(queries)) {
            long left = endNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            packet.setLength(buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue; // the socket's timeout is in whole milliseconds: wait out the rest of the try
            }
            Message response = DnsMessages.parse(ByteBuffer.wrap(buffer, 0, packet.getLength()));
            int i = response == null ? -1 : matching(response, queries);
            if (i < 0) {
                ignored = response == null ? "an unparsable datagram" : "a response to no open query (wrong id or question)";
                continue;
            }
            if (response.getHeader().getFlag(Flags.TC)) {
                response = overTcp(server, queries[i], types[i], deadline);
            }
            settle(i, response, server, start);
            queries[i] = null;
        }
        return ignored;
    }

    private boolean openIn(byte[][] queries) {
        for (byte[] query : queries) {
            if (query != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The index of the open query that {@code response} answers, or -1. Some servers leave the
     * question out of an error response (REFUSED, FORMERR); the id alone then says which query failed.
     */
    private int matching(Message response, byte[][] queries) {
        if (!response.getHeader().getFlag(Flags.QR)) {
            return -1;
        }
        int id = response.getHeader().getID();
        boolean errorWithoutQuestion = response.getQuestion() == null && !DnsMessages.isFinal(response.getRcode());
        for (int i = 0; i < queries.length; i++) {
            if (queries[i] != null && id == DnsMessages.idOf(queries[i]) && (errorWithoutQuestion || answers(response, types[i]))) {
                return i;
            }
        }
        return -1;
    }

    private boolean answers(Message response, int type) {
        Record question = response.getQuestion();
        return question != null && question.getType() == type && question.getDClass() == DClass.IN
                && question.getName().equals(name);
    }

    /** The response over TCP, or one standing for the error (null: nothing usable came). */
    private Message overTcp(Endpoint server, byte[] query, int type, Deadline deadline) {
        try {
            Message response = exchangeTcp(server, query, deadline);
            return response.getHeader().getID() == DnsMessages.idOf(query) && answers(response, type) ? response : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void settle(int i, Message response, Endpoint server, long start) {
        long micros = (System.nanoTime() - start) / 1000;
        if (response == null) {
            error(i, server, "truncated over UDP, and no valid answer over TCP", DnsAnswer.Failure.OTHER);
            return;
        }
        int rcode = response.getRcode();
        if (DnsMessages.isFinal(rcode)) {
            answers[i] = DnsMessages.answerOf(response, name, types[i], server, micros);
            open--;
        } else {
            error(i, server, Rcode.string(rcode), rcode == Rcode.SERVFAIL ? DnsAnswer.Failure.SERVFAIL : DnsAnswer.Failure.OTHER);
        }
    }

    /** Records {@code error} for every query still open with {@code server}. */
    private void failOpen(byte[][] queries, Endpoint server, String error, DnsAnswer.Failure failure) {
        for (int i = 0; i < types.length; i++) {
            if (queries[i] != null) {
                error(i, server, error, failure);
            }
        }
    }

    private void error(int i, Endpoint server, String error, DnsAnswer.Failure failure) {
        if (errors.get(i) == null) {
            errors.set(i, new LinkedHashMap<>());
        }
        errors.get(i).put(server, error);
        lastFailure[i] = failure;
        reached[i] |= failure != DnsAnswer.Failure.UNREACHABLE;
    }

    /** Fails every question still open; {@code reason} (may be null) says why asking ended before an answer. */
    void failRemaining(String reason) {
        for (int i = 0; i < types.length; i++) {
            if (answers[i] == null) {
                DnsAnswer.Failure failure = reason != null || lastFailure[i] == null ? DnsAnswer.Failure.OTHER
                        : reached[i] ? lastFailure[i] : DnsAnswer.Failure.UNREACHABLE;
                answers[i] = DnsAnswer.failed(describe(errors.get(i), reason), failure);
            }
        }
        open = 0;
    }

    private static String describe(Map<Endpoint, String> errors, String reason) {
        StringBuilder text = new StringBuilder();
        if (errors != null) {
            errors.forEach((server, error) -> text.append(text.length() == 0 ? "" : "; ").append(server).append(' ').append(error));
        }
        if (reason != null) {
            text.append(text.length() == 0 ? "" : "; ").append(reason);
        }
        return text.toString();
    }

    private Message exchangeTcp(Endpoint server, byte[] query, Deadline deadline) throws IOException {
        long end = System.nanoTime() + deadline.capNanos(timeout);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(server.socketAddress(), millisLeft(end));
            byte[] framed = new byte[query.length + 2];
            framed[0] = (byte) (query.length >>> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            OutputStream out = socket.getOutputStream();
            out.write(framed);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            socket.setSoTimeout(millisLeft(end));
            byte[] response = new byte[in.readUnsignedShort()];
            socket.setSoTimeout(millisLeft(end));
            in.readFully(response);
            return new Message(response);
        }
    }

    private static int millisLeft(long endNanos) throws SocketTimeoutException {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline reached");
        }
        return (int) Math.max(1, left / 1_000_000);
    }
}
