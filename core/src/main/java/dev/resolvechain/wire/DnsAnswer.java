package dev.resolvechain.wire;

import java.net.InetAddress;
import java.util.List;

/**
 * What the servers said to one question (a name and a record type), or why none of them answered.
 *
 * @param addresses for A and AAAA questions, the addresses found at the end of the CNAME chain
 * @param hostName  for PTR questions, the first target, without the trailing dot
 * @param ttl       seconds: for data, the smallest TTL of the records and CNAMEs used; for a negative
 *                  answer, the SOA's negative TTL or {@link #NO_SOA}; when {@code cached}, the seconds left
 *                  (below 0 for a stale answer from {@link DnsCache#stale}: minus the seconds past its TTL)
 * @param server    the server that answered; null when {@link Status#FAILED}
 * @param micros    how long the server took to answer (0 from the cache)
 * @param problem   for {@link Status#FAILED}, each server's error; otherwise null
 * @param failure   for {@link Status#FAILED}, what kind of failure it was (null: none, or not known)
 */
public record DnsAnswer(Status status, List<InetAddress> addresses, String hostName, long ttl, Endpoint server,
                        long micros, boolean cached, String problem, Failure failure) {

    public enum Status {
        /** NOERROR with records of the type asked. */
        DATA,
        NXDOMAIN,
        /** NOERROR without records of the type asked. */
        NODATA,
        /** No server gave a usable answer (timeout, SERVFAIL, REFUSED, ...). */
        FAILED
    }

    /** How the servers failed, as glibc's search tells failures apart. */
    public enum Failure {
        /** The last server asked answered SERVFAIL: glibc goes on with the next search domain. */
        SERVFAIL,
        /** No server could be reached (port unreachable everywhere): glibc gives up the lookup at once. */
        UNREACHABLE,
        /** A timeout, REFUSED, an unusable answer, the deadline: glibc stops the search list (but still tries the name as is). */
        OTHER
    }

    /** The negative answer came without an SOA record, so it says nothing about how long it holds. */
    public static final long NO_SOA = -1;

    public DnsAnswer {
        addresses = List.copyOf(addresses);
    }

    /** An answer that is not a failure, or a failure of no particular kind. */
    public DnsAnswer(Status status, List<InetAddress> addresses, String hostName, long ttl, Endpoint server, long micros, boolean cached,
                     String problem) {
        this(status, addresses, hostName, ttl, server, micros, cached, problem, status == Status.FAILED ? Failure.OTHER : null);
    }

    static DnsAnswer failed(String problem) {
        return failed(problem, Failure.OTHER);
    }

    static DnsAnswer failed(String problem, Failure failure) {
        return new DnsAnswer(Status.FAILED, List.of(), null, 0, null, 0, false, problem, failure);
    }

    /** A question no server was asked (it was not in the cache, and the server is known to be down): marked cached. */
    static DnsAnswer notAsked(String problem) {
        return new DnsAnswer(Status.FAILED, List.of(), null, 0, null, 0, true, problem, Failure.OTHER);
    }

    /** Served from the cache after its TTL ended (serve-stale). */
    public boolean stale() {
        return cached && ttl < 0;
    }

    public boolean negative() {
        return status == Status.NXDOMAIN || status == Status.NODATA;
    }

    DnsAnswer fromCache(long secondsLeft) {
        return new DnsAnswer(status, addresses, hostName, secondsLeft, server, 0, true, problem, failure);
    }
}
