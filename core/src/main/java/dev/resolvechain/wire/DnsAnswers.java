package dev.resolvechain.wire;

import dev.resolvechain.AddressPolicy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The answers for one name, one per record type asked, read as one result: found if any type has
 * records; otherwise not found if the name does not exist, failed if a server gave no usable
 * answer, and not found if every type is NODATA.
 */
public final class DnsAnswers {
    private final String name;
    private final int[] types;
    private final DnsAnswer[] answers;

    DnsAnswers(String name, int[] types, DnsAnswer[] answers) {
        this.name = name;
        this.types = types;
        this.answers = answers;
    }

    public String name() {
        return name;
    }

    public DnsAnswer.Status status() {
        boolean failed = false;
        boolean nxdomain = false;
        for (DnsAnswer answer : answers) {
            switch (answer.status()) {
                case DATA -> {
                    return DnsAnswer.Status.DATA;
                }
                case NXDOMAIN -> nxdomain = true;
                case FAILED -> failed = true;
                case NODATA -> {
                }
            }
        }
        if (nxdomain) {
            return DnsAnswer.Status.NXDOMAIN;
        }
        return failed ? DnsAnswer.Status.FAILED : DnsAnswer.Status.NODATA;
    }

    /** The addresses of every type, in the order the types were asked, then ordered by {@code policy}. */
    public List<InetAddress> addresses(AddressPolicy policy) {
        List<InetAddress> all = new ArrayList<>();
        for (DnsAnswer answer : answers) {
            all.addAll(answer.addresses());
        }
        return policy.apply(all);
    }

    /** The PTR target, or null. */
    public String hostName() {
        for (DnsAnswer answer : answers) {
            if (answer.hostName() != null) {
                return answer.hostName();
            }
        }
        return null;
    }

    /**
     * {@code A,AAAA for web.corp from 127.0.0.1:5353 (ttl 60 s)}, or {@code (cached, 42 s left)}, or,
     * when an answer is stale, {@code (stale, 12 s past its TTL)}.
     */
    public String describeData() {
        StringBuilder found = new StringBuilder();
        long ttl = Long.MAX_VALUE;
        boolean cached = true;
        Endpoint server = null;
        for (int i = 0; i < answers.length; i++) {
            if (answers[i].status() == DnsAnswer.Status.DATA) {
                found.append(found.length() == 0 ? "" : ",").append(DnsMessages.typeName(types[i]));
                ttl = Math.min(ttl, answers[i].ttl());
                cached &= answers[i].cached();
                server = server == null ? answers[i].server() : server;
            }
        }
        String age = ttl < 0 && cached ? " (stale, " + -ttl + " s past its TTL)" : cached ? " (cached, " + ttl + " s left)" : " (ttl " + ttl + " s)";
        return found + " for " + name + " from " + server + age;
    }

    /** {@code web.corp}, or {@code web.corp (cached, 3 s left)} when every answer came from the cache. */
    public String describeName() {
        long left = Long.MAX_VALUE;
        for (DnsAnswer answer : answers) {
            if (!answer.cached()) {
                return name;
            }
            left = Math.min(left, answer.ttl());
        }
        return name + " (cached, " + left + " s left)";
    }

    /** The servers that answered, in order, without repeats. */
    public Set<Endpoint> servers() {
        Set<Endpoint> servers = new LinkedHashSet<>();
        for (DnsAnswer answer : answers) {
            if (answer.server() != null) {
                servers.add(answer.server());
            }
        }
        return servers;
    }

    /** Whether the server was asked (some answer is not from the cache) and every question asked failed. */
    public boolean serverFailed() {
        boolean asked = false;
        for (DnsAnswer answer : answers) {
            if (!answer.cached()) {
                if (answer.status() != DnsAnswer.Status.FAILED) {
                    return false;
                }
                asked = true;
            }
        }
        return asked;
    }

    /** Whether the server gave a final answer (NOERROR or NXDOMAIN) to some question asked now. */
    public boolean serverAnswered() {
        for (DnsAnswer answer : answers) {
            if (!answer.cached() && answer.status() != DnsAnswer.Status.FAILED) {
                return true;
            }
        }
        return false;
    }

    /** Whether every type that failed failed as {@code failure} (false when none failed). */
    public boolean failedAs(DnsAnswer.Failure failure) {
        boolean any = false;
        for (DnsAnswer answer : answers) {
            if (answer.status() == DnsAnswer.Status.FAILED) {
                if (answer.failure() != failure) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Each distinct error of the types that failed. */
    public String problem() {
        Set<String> problems = new LinkedHashSet<>();
        for (DnsAnswer answer : answers) {
            if (answer.status() == DnsAnswer.Status.FAILED) {
                problems.add(answer.problem());
            }
        }
        return String.join("; ", problems);
    }
}
