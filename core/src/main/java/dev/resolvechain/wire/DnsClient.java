package dev.resolvechain.wire;

import dev.resolvechain.Deadline;
import dev.resolvechain.Log;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Asks DNS servers over a blocking socket, on the caller's thread, as glibc does: for each attempt,
 * each server in turn, with all questions of a lookup (A and AAAA) sent back to back on one
 * connected UDP socket with an OS-chosen port and random ids (for a server on loopback, a kept
 * socket: see {@link KeptSockets}). A response must match the id and the
 * question of a query it answers; anything else is ignored and the wait goes on. A truncated
 * response is asked again over TCP. NOERROR and NXDOMAIN are final; a timeout, SERVFAIL, REFUSED or
 * any other error moves the questions still open to the next server.
 */
public final class DnsClient {
    static final int EDNS_PAYLOAD = 1232;
    /** Larger than the payload we advertise, so a server that ignores it is still read whole. */
    private static final int RECEIVE_BUFFER = 4096;
    private static final int MAX_CNAME_CHAIN = 16;

    /**
     * Initialised at the first query, not when a tier is built: the chain is built at JVM start,
     * and seeding a SecureRandom and loading dnsjava's record classes would be paid there.
     */
    private static final class Wire {
        static final SecureRandom RANDOM = new SecureRandom();
        static final OPTRecord EDNS = new OPTRecord(EDNS_PAYLOAD, 0, 0);
    }

    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private final List<Endpoint> servers;
    /** Per server, in the order of {@link #servers}: its kept sockets when it is on loopback, else null. */
    private final KeptSockets[] keptSockets;
    private final Duration timeout;
    private final int attempts;
    private final boolean rotate;
    private final AtomicInteger rotation = new AtomicInteger();

    /**
     * @param timeout  how long one server is given per try (further capped by each lookup's deadline)
     * @param attempts how many times the server list is gone through
     * @param rotate   start each lookup at the next server instead of the first
     */
    public DnsClient(List<Endpoint> servers, Duration timeout, int attempts, boolean rotate) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a DNS client needs at least one server");
        }
        this.servers = List.copyOf(servers);
        this.keptSockets = new KeptSockets[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            Endpoint server = servers.get(i);
            keptSockets[i] = server.address().isLoopbackAddress() ? new KeptSockets(server.socketAddress()) : null;
        }
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.rotate = rotate;
    }

    public List<Endpoint> servers() {
        return servers;
    }

    /**
     * Once per JVM, on a short-lived daemon thread: builds a query and parses an answer as an exchange
     * does, and opens a UDP socket, sending nothing. A JVM's first exchange otherwise pays about 0.1 s
     * loading and initialising dnsjava's message and record classes, the SecureRandom and the JDK's
     * socket classes. It runs the code an exchange runs, in the same order, so a lookup made meanwhile
     * waits on the classes being initialised as it would on another lookup's.
     */
    public static void warmUpInBackground() {
        if (WARMED_UP.compareAndSet(false, true)) {
            Thread thread = new Thread(new WarmUp(), "resolvechain-dns-warmup");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A class, not a lambda: this is started at JVM start, where a lambda's bootstrap costs milliseconds. */
    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            try {
                warmUp();
            } catch (IOException | RuntimeException e) {
                Log.debug("DNS warm-up: " + e);
            }
        }
    }

    /** What {@link #warmUpInBackground} runs: the answer to a query for {@code warm-up.invalid} made up here, 0.0.0.0. */
    static DnsAnswer warmUp() throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(1);
            Name name = Name.fromConstantString("warm-up.invalid.");
            byte[] query = query(name, Type.A, Wire.RANDOM.nextInt() & 0xffff);
            Message response = parse(ByteBuffer.wrap(query));
            response.getHeader().setFlag(Flags.QR);
            response.addRecord(new ARecord(name, DClass.IN, 0, InetAddress.getByAddress(new byte[4])), Section.ANSWER);
            return answerOf(parse(ByteBuffer.wrap(response.toWire())), name, Type.A,
                    new Endpoint(InetAddress.getLoopbackAddress(), Endpoint.DNS_PORT), 0);
        }
    }

    /** The answer to each question ({@code name}, {@code types[i]}) in {@code answers[i]}, by the deadline. */
    public DnsAnswer[] ask(Name name, int[] types, Deadline deadline) {
        Exchange exchange = new Exchange(name, types);
        int first = rotate ? Math.floorMod(rotation.getAndIncrement(), servers.size()) : 0;
        for (int attempt = 0; attempt < attempts && exchange.open > 0; attempt++) {
            for (int i = 0; i < servers.size() && exchange.open > 0; i++) {
                if (deadline.expired()) {
                    exchange.failRemaining("lookup deadline reached");
                    return exchange.answers;
                }
                int server = (first + i) % servers.size();
                exchange.with(servers.get(server), keptSockets[server], deadline);
            }
        }
        exchange.failRemaining(null);
        return exchange.answers;
    }

    /** The questions of one lookup and what has been learnt about them so far. */
    private final class Exchange {
        final Name name;
        final int[] types;
        final DnsAnswer[] answers;
        /** Per question, each server's last error, in the order asked. */
        final List<Map<Endpoint, String>> errors;
        /** Per question, the kind of the last error, and whether any server was reached at all. */
        final DnsAnswer.Failure[] lastFailure;
        final boolean[] reached;
        int open;

        Exchange(Name name, int[] types) {
            this.name = name;
            this.types = types;
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
            int ids = Wire.RANDOM.nextInt();
            for (int i = 0; i < types.length; i++) {
                if (answers[i] == null) {
                    queries[i] = query(name, types[i], queryId(ids, i));
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
                Message response = parse(ByteBuffer.wrap(buffer, 0, packet.getLength()));
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
            boolean errorWithoutQuestion = response.getQuestion() == null && !isFinal(response.getRcode());
            for (int i = 0; i < queries.length; i++) {
                if (queries[i] != null && id == idOf(queries[i]) && (errorWithoutQuestion || answers(response, types[i]))) {
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
                return response.getHeader().getID() == idOf(query) && answers(response, type) ? response : null;
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
            if (isFinal(rcode)) {
                answers[i] = answerOf(response, name, types[i], server, micros);
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
    }

    /** NOERROR (with or without data) and NXDOMAIN end the search for an answer; other codes move on. */
    private static boolean isFinal(int rcode) {
        return rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN;
    }

    private static int queryId(int random, int index) {
        return ((random >>> (index % 2 * 16)) + index / 2) & 0xffff;
    }

    private static int idOf(byte[] query) {
        return (query[0] & 0xff) << 8 | query[1] & 0xff;
    }

    static byte[] query(Name name, int type, int id) {
        Message query = new Message(id);
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(Record.newRecord(name, type, DClass.IN), Section.QUESTION);
        query.addRecord(Wire.EDNS, Section.ADDITIONAL);
        return query.toWire();
    }

    private static Message parse(ByteBuffer datagram) {
        try {
            return new Message(datagram);
        } catch (IOException | RuntimeException e) {
            return null;
        }
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

    /** The final answer in a NOERROR or NXDOMAIN response, following the CNAME chain from {@code name}. */
    static DnsAnswer answerOf(Message response, Name name, int type, Endpoint server, long micros) {
        if (response.getRcode() == Rcode.NXDOMAIN) {
            return negative(DnsAnswer.Status.NXDOMAIN, response, server, micros);
        }
        List<Record> records = response.getSection(Section.ANSWER);
        List<InetAddress> addresses = new ArrayList<>(records.size());
        String hostName = null;
        long ttl = Long.MAX_VALUE;
        Name owner = name;
        for (int hop = 0; hop <= MAX_CNAME_CHAIN && owner != null; hop++) {
            Name next = null;
            long cnameTtl = Long.MAX_VALUE;
            boolean found = false;
            for (Record record : records) {
                if (!record.getName().equals(owner)) {
                    continue;
                }
                if (record.getType() == type) {
                    found = true;
                    ttl = Math.min(ttl, record.getTTL());
                    if (record instanceof PTRRecord ptr) {
                        hostName = hostName == null ? ptr.getTarget().toString(true) : hostName;
                    } else {
                        addresses.add(address(record));
                    }
                } else if (record instanceof CNAMERecord cname) {
                    next = cname.getTarget();
                    cnameTtl = record.getTTL();
                }
            }
            if (found) {
                return new DnsAnswer(DnsAnswer.Status.DATA, addresses, hostName, ttl, server, micros, false, null);
            }
            ttl = Math.min(ttl, cnameTtl);
            owner = next;
        }
        return negative(DnsAnswer.Status.NODATA, response, server, micros);
    }

    private static InetAddress address(Record record) {
        try {
            return InetAddress.getByAddress(record.rdataToWireCanonical());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an A or AAAA record holds 4 or 16 bytes", e);
        }
    }

    /** RFC 2308: a negative answer holds for the smaller of the SOA's TTL and its MINIMUM field. */
    private static DnsAnswer negative(DnsAnswer.Status status, Message response, Endpoint server, long micros) {
        long ttl = DnsAnswer.NO_SOA;
        for (Record record : response.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord soa) {
                ttl = Math.min(soa.getTTL(), soa.getMinimum());
                break;
            }
        }
        return new DnsAnswer(status, List.of(), null, ttl, server, micros, false, null);
    }
}
