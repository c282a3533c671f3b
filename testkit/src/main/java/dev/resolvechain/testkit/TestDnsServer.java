package dev.resolvechain.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A small DNS server, UDP and TCP on one port, on loopback unless given another address, answering from records
 * set in code, with faults that can be switched on per query, per name or for the next few queries.
 *
 * <p>Answers like a recursive resolver that is authoritative for everything it knows: AA and RA set, RD
 * copied, CNAME chains within its data followed, NXDOMAIN for unknown names and NODATA for known names
 * lacking the asked type (both with the enclosing {@link #soa} if any), OPT answered with OPT, and UDP answers
 * larger than 512 bytes (or the client's EDNS size) truncated with TC so that clients retry over TCP.
 *
 * <p>Queries are answered on the thread that received them; all its threads are daemons named
 * {@code test-dns-<port>}. Data, faults and the query log may be changed while it serves.
 */
public final class TestDnsServer implements AutoCloseable {

    private static final String LOOPBACK_V4 = "127.0.0.1";

    private final InetAddress address;
    private final int port;
    private final Zone zone = new Zone();
    private final FaultPlan faults = new FaultPlan();
    private final QueryLog log = new QueryLog();
    private final ThreadFactory threads;
    private final ScheduledExecutorService delayedReplies;
    private Listeners listeners;

    private TestDnsServer(InetAddress address, Listeners listeners) {
        this.address = address;
        this.listeners = listeners;
        this.port = listeners.port();
        this.threads = Threads.daemons("test-dns-" + port);
        this.delayedReplies = Executors.newSingleThreadScheduledExecutor(threads);
        listeners.serve(this::handle, threads);
    }

    /** A server on 127.0.0.1 and an ephemeral port, the same for UDP and TCP. */
    public static TestDnsServer start() {
        return start(Literals.address(LOOPBACK_V4), 0);
    }

    /**
     * A server on {@code address} and {@code port}, 0 for an ephemeral port free for both UDP and TCP. The address
     * may be any of this network namespace's, e.g. the veth address of a {@link Netns} when run inside it (through
     * {@link DnsServerProcess}); port 53 needs root.
     */
    public static TestDnsServer start(InetAddress address, int port) {
        return new TestDnsServer(address, Listeners.bind(address, port));
    }

    public InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** {@code ADDRESS:PORT}, e.g. {@code 127.0.0.1:PORT}, or {@code [::1]:PORT} for IPv6. */
    public String endpoint() {
        return Literals.endpoint(socketAddress());
    }

    // ---- data. Names may be given with or without the trailing dot; lookups ignore case. Each call replaces the
    // records of that name and type; given no values, the name exists without records of the type (NODATA).

    public TestDnsServer a(String name, long ttl, String... ipv4) {
        Name owner = Literals.name(name);
        return put(owner, Type.A, Arrays.stream(ipv4)
                .map(literal -> new ARecord(owner, DClass.IN, ttl, Literals.address(literal, Address.IPv4))));
    }

    public TestDnsServer aaaa(String name, long ttl, String... ipv6) {
        Name owner = Literals.name(name);
        return put(owner, Type.AAAA, Arrays.stream(ipv6)
                .map(literal -> new AAAARecord(owner, DClass.IN, ttl, Literals.address(literal, Address.IPv6))));
    }

    /** Queries for {@code name} of a type it has no records of get this CNAME, then what {@code target} answers. */
    public TestDnsServer cname(String name, long ttl, String target) {
        Name owner = Literals.name(name);
        return put(owner, Type.CNAME, Stream.of(new CNAMERecord(owner, DClass.IN, ttl, Literals.name(target))));
    }

    /** {@code reverseName} is like {@code 10.2.0.192.in-addr.arpa}; an IP literal is turned into that. */
    public TestDnsServer ptr(String reverseName, long ttl, String target) {
        Name owner = Literals.isAddress(reverseName)
                ? ReverseMap.fromAddress(Literals.address(reverseName))
                : Literals.name(reverseName);
        return put(owner, Type.PTR, Stream.of(new PTRRecord(owner, DClass.IN, ttl, Literals.name(target))));
    }

    /** Makes {@code zone} a zone: negative answers for names under it carry this SOA, whose TTL and minimum are {@code minimumTtl}. */
    public TestDnsServer soa(String zone, long minimumTtl) {
        Name apex = Literals.name(zone);
        Name nameServer = Literals.name("ns." + apex);
        Name hostmaster = Literals.name("hostmaster." + apex);
        return put(apex, Type.SOA, Stream.of(
                new SOARecord(apex, DClass.IN, minimumTtl, nameServer, hostmaster, 1, 3600, 600, 86400, minimumTtl)));
    }

    /** Removes all records of {@code name}: it becomes unknown (NXDOMAIN). */
    public TestDnsServer remove(String name) {
        zone.remove(Literals.name(name));
        return this;
    }

    // ---- behaviour. For each query: a fault of a faultFirst burst if any is left, else the name's, else the global one.

    /** Applies {@code fault} to every query until changed ({@link Fault#none()} to heal). */
    public TestDnsServer fault(Fault fault) {
        faults.forEveryQuery(fault);
        return this;
    }

    /** Applies {@code fault} to queries for {@code name} only, until changed. */
    public TestDnsServer fault(String name, Fault fault) {
        faults.forName(Literals.name(name), fault);
        return this;
    }

    /** Applies {@code fault} to the next {@code count} queries, whatever their name, then the other settings again. */
    public TestDnsServer faultFirst(int count, Fault fault) {
        faults.forNext(count, fault);
        return this;
    }

    // ---- what was asked

    /** Every query received since the start or {@link #clearQueries()}, in order. */
    public List<Question> queries() {
        return log.questions();
    }

    public int queryCount() {
        return log.count();
    }

    public void clearQueries() {
        log.clear();
    }

    /**
     * Whether {@link #queries()} keeps each query (the default). Benchmarks sending millions of queries turn it off;
     * {@link #queryCount()} still counts.
     */
    public TestDnsServer recordQueries(boolean record) {
        log.keepQuestions(record);
        return this;
    }

    // ---- lifecycle

    /** Closes the sockets: queries then get ICMP port unreachable over UDP and connection refused over TCP. */
    public synchronized void stop() {
        if (listeners != null) {
            listeners.close();
            listeners = null;
        }
    }

    /** Listens again on the same port, with the same data and faults; stops first if running. */
    public synchronized void restart() {
        if (delayedReplies.isShutdown()) {
            throw new IllegalStateException(this + " is closed");
        }
        stop();
        listeners = Listeners.bind(address, port);
        listeners.serve(this::handle, threads);
    }

    @Override
    public synchronized void close() {
        stop();
        delayedReplies.shutdownNow();
    }

    @Override
    public String toString() {
        return "TestDnsServer " + endpoint();
    }

    private void handle(ByteBuffer wire, ReplyChannel channel) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return; // not a DNS message: nothing to answer
        }
        Record question = query.getQuestion();
        if (question == null) {
            return;
        }
        log.add(question, channel);
        faults.next(question.getName()).applyTo(new Exchange(query, zone, channel, delayedReplies));
    }

    private TestDnsServer put(Name owner, int type, Stream<? extends Record> rrset) {
        zone.put(owner, type, rrset.map(Record.class::cast).toList());
        return this;
    }
}
