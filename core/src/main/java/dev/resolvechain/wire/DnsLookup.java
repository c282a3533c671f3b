package dev.resolvechain.wire;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.CacheFigures;
import dev.resolvechain.Deadline;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Questions answered from the cache when it can, from the client's servers otherwise; what the servers
 * say is cached. Concurrent lookups of one name and the same record types share one query (even
 * when the answer has a TTL of 0 and is not cached): a lookup that finds the same question in
 * flight waits for its answer (up to its own deadline) instead of sending another.
 */
public final class DnsLookup {
    private static final int[] A = {DnsResponse.TYPE_A};
    private static final int[] AAAA = {DnsResponse.TYPE_AAAA};
    private static final int[] A_AAAA = {DnsResponse.TYPE_A, DnsResponse.TYPE_AAAA};
    private static final int[] PTR = {DnsResponse.TYPE_PTR};

    private final DnsClient client;
    private final DnsCache cache;
    /** The questions being asked now, by name and types. */
    private final ConcurrentHashMap<Flight, Asked> inFlight = new ConcurrentHashMap<>();

    /** A question being asked; equals and hashCode written out (a record's cost a bootstrap at first use). */
    private static final class Flight {
        final String name;
        final int[] types;

        Flight(String name, int[] types) {
            this.name = name;
            this.types = types;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Flight that && name.equals(that.name) && Arrays.equals(types, that.types);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(types);
        }
    }

    /** What the lookup that asked got, and whether its deadline cut the asking short (then a waiter with time left asks again). */
    private static final class Shared {
        final DnsAnswer[] answers;
        final boolean cutShort;

        Shared(DnsAnswer[] answers, boolean cutShort) {
            this.answers = answers;
            this.cutShort = cutShort;
        }
    }

    /**
     * A question one lookup is asking, which others wait for. Not a {@code CompletableFuture}: its
     * class loads the fork-join pool, about 2 ms on a JVM's first lookup.
     */
    private static final class Asked {
        private Shared shared;

        synchronized void settle(Shared answer) {
            shared = answer;
            notifyAll();
        }

        /** The shared answer; one without answers if interrupted; null if {@code deadline} came first. */
        synchronized Shared await(Deadline deadline) {
            while (shared == null) {
                long left = deadline.remainingNanos();
                if (left <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Shared(null, true);
                }
            }
            return shared;
        }
    }

    public DnsLookup(DnsClient client, DnsCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /** The record types a forward lookup asks for under {@code policy}: A, AAAA or both. */
    public static int[] addressTypes(AddressPolicy policy) {
        if (policy.wantsIpv4() && policy.wantsIpv6()) {
            return A_AAAA;
        }
        return policy.wantsIpv4() ? A : AAAA;
    }

    public static int[] ptrType() {
        return PTR;
    }

    public DnsClient client() {
        return client;
    }

    /** The answers for {@code name} (lower case, no trailing dot) and each of {@code types}. */
    public DnsAnswers ask(String name, int[] types, Deadline deadline) {
        DnsAnswer[] answers = new DnsAnswer[types.length];
        int missing = fromCache(name, types, answers);
        cache.counted(types.length, missing);
        if (missing > 0) {
            int[] asked = missing == types.length ? types : missingTypes(types, answers, missing);
            DnsAnswer[] fresh = shared(name, asked, deadline);
            for (int i = 0, j = 0; i < types.length; i++) {
                if (answers[i] == null) {
                    answers[i] = fresh[j++];
                }
            }
        }
        return new DnsAnswers(name, types, answers);
    }

    /**
     * The answers the cache holds for {@code name}, the servers not asked: a type it lacks has failed
     * with {@code notAsked} (marked cached, as no server was asked).
     */
    public DnsAnswers cached(String name, int[] types, String notAsked) {
        DnsAnswer[] answers = new DnsAnswer[types.length];
        int missing = fromCache(name, types, answers);
        cache.counted(types.length, missing);
        if (missing > 0) {
            for (int i = 0; i < types.length; i++) {
                answers[i] = answers[i] == null ? DnsAnswer.notAsked(notAsked) : answers[i];
            }
        }
        return new DnsAnswers(name, types, answers);
    }

    public CacheFigures cacheFigures() {
        return cache.figures();
    }

    /** Empties the cache (shared with the other lookups of the same tier). */
    public void clearCache() {
        cache.clear();
    }

    /** Whether the cache holds an answer for every one of {@code types} of {@code name}: {@link #ask} would ask no server. */
    public boolean fullyCached(String name, int[] types) {
        return fromCache(name, types, new DnsAnswer[types.length]) == 0;
    }

    /**
     * The last answers with data the cache keeps for {@code name} (see {@link DnsCache#stale}), a type
     * without one failed with {@code none}; null when no type has one.
     */
    public DnsAnswers stale(String name, int[] types, String none) {
        DnsAnswer[] answers = new DnsAnswer[types.length];
        boolean any = false;
        for (int i = 0; i < types.length; i++) {
            answers[i] = cache.stale(name, types[i]);
            any |= answers[i] != null;
            answers[i] = answers[i] == null ? DnsAnswer.notAsked(none) : answers[i];
        }
        return any ? new DnsAnswers(name, types, answers) : null;
    }

    /** Fills {@code answers} from the cache; returns how many types it lacks. */
    private int fromCache(String name, int[] types, DnsAnswer[] answers) {
        int missing = 0;
        for (int i = 0; i < types.length; i++) {
            answers[i] = cache.get(name, types[i]);
            if (answers[i] == null) {
                missing++;
            }
        }
        return missing;
    }

    /** Asks the servers, and caches what they say. */
    private DnsAnswer[] fetch(String name, int[] types, Deadline deadline) {
        DnsAnswer[] fresh = askServers(name, types, deadline);
        for (int i = 0; i < types.length; i++) {
            cache.put(name, types[i], fresh[i]);
        }
        return fresh;
    }

    /**
     * Asks the servers, unless the same question is in flight: then waits for that answer, up to
     * {@code deadline}. If the lookup that asked ran out of time while this one has some left, asks again.
     */
    private DnsAnswer[] shared(String name, int[] types, Deadline deadline) {
        Flight flight = new Flight(name, types);
        while (true) {
            Asked mine = new Asked();
            Asked theirs = inFlight.putIfAbsent(flight, mine);
            if (theirs == null) {
                Shared outcome = new Shared(null, true);
                try {
                    DnsAnswer[] fresh = fetch(name, types, deadline);
                    outcome = new Shared(fresh, deadline.expired());
                    return fresh;
                } finally {
                    inFlight.remove(flight, mine);
                    mine.settle(outcome);
                }
            }
            Shared answer = theirs.await(deadline);
            if (answer == null) {
                return failed(types, "lookup deadline reached while waiting for the same query, asked by another lookup");
            }
            if (answer.answers != null && !(answer.cutShort && !deadline.expired())) {
                return answer.answers;
            }
            if (Thread.currentThread().isInterrupted()) {
                return failed(types, "interrupted while waiting for the same query, asked by another lookup");
            }
            // the other lookup failed or ran out of time before this one: ask (or wait) again
        }
    }

    private static DnsAnswer[] failed(int[] types, String problem) {
        DnsAnswer[] failed = new DnsAnswer[types.length];
        Arrays.fill(failed, DnsAnswer.failed(problem));
        return failed;
    }

    private DnsAnswer[] askServers(String name, int[] types, Deadline deadline) {
        DnsName dnsName;
        try {
            dnsName = DnsName.of(name);
        } catch (IllegalArgumentException e) {
            return failed(types, "'" + name + "' is not a valid DNS name (" + e.getMessage() + ")");
        }
        return client.ask(dnsName, types, deadline);
    }

    private static int[] missingTypes(int[] types, DnsAnswer[] answers, int missing) {
        int[] asked = new int[missing];
        for (int i = 0, j = 0; i < types.length; i++) {
            if (answers[i] == null) {
                asked[j++] = types[i];
            }
        }
        return asked;
    }
}
