package dev.resolvechain.dns;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.CacheFigures;
import dev.resolvechain.Cached;
import dev.resolvechain.Configured;
import dev.resolvechain.Log;
import dev.resolvechain.Query;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import dev.resolvechain.wire.DnsAnswer;
import dev.resolvechain.wire.DnsAnswers;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.DnsLookup;
import dev.resolvechain.wire.Endpoint;
import dev.resolvechain.wire.Nameservers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The last tier: the host's nameservers, asked as glibc's {@code res_search} asks them, with the
 * search list and {@code ndots} of resolv.conf: NXDOMAIN and NODATA move on to the next name; so
 * does SERVFAIL (the next name may be in another zone); any other failure (a timeout, REFUSED)
 * skips the remaining search domains but still tries the name as is; no server reachable at all
 * ends the lookup at once. Which servers, search list and options are in force is
 * {@link HostServers}'s to say.
 *
 * <p>Concurrent lookups of one name share one query. When every server fails, a last good answer is
 * served for up to {@link DnsOptions#staleTtl()} past its TTL (RFC 8767), and the failure is logged;
 * for {@link #FAILURE_RECHECK_NANOS} after that, lookups of the name get that answer at once, without
 * waiting on the failing servers again.
 */
public final class DnsTier implements Tier, Configured, Cached, AutoCloseable {
    /** Failures in a row that make a nameserver down when none is configured (dns.maxFails). */
    static final int DEFAULT_MAX_FAILS = 2;

    /** Serving stale answers is logged at most this often (with how many were served meanwhile). */
    private static final long STALE_LOG_INTERVAL_NANOS = 10_000_000_000L;
    /**
     * RFC 8767's failure recheck timer: once every server failed for a name and its stale answer was
     * served, that stale answer is served at once, without asking, for this long.
     */
    static final long FAILURE_RECHECK_NANOS = 30_000_000_000L;
    /** Far more names than fail at once in an outage; past it, the record of failures starts afresh. */
    private static final int MAX_RECENT_FAILURES = 10_000;

    private final HostServers servers;
    private final AtomicLong lastStaleLogNanos = new AtomicLong(System.nanoTime() - STALE_LOG_INTERVAL_NANOS);
    private final AtomicLong staleServedUnlogged = new AtomicLong();
    /** Names whose servers all failed and whose stale answer was served, with when (nanoTime). */
    private final ConcurrentHashMap<String, Long> recentFailures = new ConcurrentHashMap<>();

    /** A tier for {@code conf}, never read again (for tests and tools). */
    public DnsTier(ResolvConf conf, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers, LocalClientNames local,
                   DnsCache cache) {
        this.servers = HostServers.fixed(conf, nameservers, fallbackNameservers, local, cache, new Nameservers(DEFAULT_MAX_FAILS));
    }

    private DnsTier(HostServers servers) {
        this.servers = servers;
    }

    /** The tier {@code options} describe: resolv.conf read now, and again when it changes. */
    public static DnsTier create(DnsOptions options) {
        return new DnsTier(HostServers.watched(options, DnsCache.keepingStale(options.staleTtl())));
    }

    @Override
    public String name() {
        return "dns";
    }

    private HostServers.Setup setup() {
        return servers.current();
    }

    /** The servers asked, in order; empty when there is none. */
    public List<Endpoint> servers() {
        return setup().servers;
    }

    /** The resolv.conf settings in force. */
    public ResolvConf conf() {
        return setup().conf;
    }

    /** What {@code explain} shows as the host configuration in force. */
    @Override
    public Map<String, Object> settings() {
        return servers.settings();
    }

    @Override
    public void flushCache() {
        servers.cache().clear();
    }

    @Override
    public CacheFigures cacheFigures() {
        return servers.cache().figures();
    }

    /** Nameservers down, or none to ask. */
    @Override
    public List<String> problems() {
        return servers.problems();
    }

    /**
     * When the cache holds the answers that decide the lookup: a candidate name with data, every
     * candidate before it negative (or one with data and none before it at all), so that no server is
     * asked; and when there is no server to ask.
     */
    @Override
    public boolean decidesAtOnce(Query query) {
        HostServers.Setup current = setup();
        if (current.lookup == null) {
            return true;
        }
        int[] types = query.reverse() ? DnsLookup.ptrType() : DnsLookup.addressTypes(query.policy());
        List<String> candidates = query.reverse() ? List.of(query.name()) : current.conf.candidates(query.name(), query.absolute());
        for (String candidate : candidates) {
            DnsLookup lookup = current.lookupFor(query.name(), candidate);
            if (lookup == null) {
                continue;
            }
            if (!lookup.fullyCached(candidate, types)) {
                return false;
            }
            if (lookup.cached(candidate, types, "").status() == DnsAnswer.Status.DATA) {
                return true;
            }
        }
        return true;
    }

    @Override
    public Verdict resolve(Query query) {
        HostServers.Setup current = setup();
        if (current.lookup == null) {
            return Verdict.fail(current.noServer);
        }
        if (query.reverse()) {
            DnsLookup lookup = current.lookupFor(query.name(), query.name());
            return lookup == null ? Verdict.fail(current.onlyLocal(query.name())) : reverse(lookup, query);
        }
        AddressPolicy policy = query.policy();
        int[] types = DnsLookup.addressTypes(policy);
        List<DnsAnswers> notFound = new ArrayList<>();
        List<String> failures = new ArrayList<>(1);
        boolean searchStopped = false;
        String skipped = null;
        for (String candidate : current.conf.candidates(query.name(), query.absolute())) {
            boolean asIs = candidate.equals(query.name());
            DnsLookup lookup = current.lookupFor(query.name(), candidate);
            if (searchStopped && !asIs || lookup == null) {
                skipped = lookup == null ? current.onlyLocal(candidate) : skipped;
                continue;
            }
            DnsAnswers recent = staleAfterRecentFailure(lookup, candidate, types);
            if (recent != null) {
                return Verdict.answer(recent.addresses(policy), recentFailure(candidate, recent));
            }
            DnsAnswers answers = lookup.ask(candidate, types, query.deadline());
            switch (answers.status()) {
                case DATA -> {
                    return Verdict.answer(answers.addresses(policy), answers.describeData());
                }
                case FAILED -> {
                    String failure = "no answer for " + candidate + ": " + answers.problem();
                    DnsAnswers stale = stale(lookup, candidate, types, failure);
                    if (stale != null) {
                        return Verdict.answer(stale.addresses(policy), failure + "; its last good answer is served: " + stale.describeData());
                    }
                    failures.add(failure);
                    if (answers.failedAs(DnsAnswer.Failure.UNREACHABLE) || query.deadline().expired()) {
                        return Verdict.fail(failed(failures, notFound));
                    }
                    // as glibc's res_search: after SERVFAIL the next search domain is tried; after any other
                    // failure of a search domain, no other one is, but the name as is still is
                    searchStopped |= !asIs && !answers.failedAs(DnsAnswer.Failure.SERVFAIL);
                }
                default -> notFound.add(answers);
            }
        }
        if (failures.isEmpty() && notFound.isEmpty()) {
            return Verdict.fail(skipped);
        }
        String why = failures.isEmpty() ? describe(notFound) : failed(failures, notFound);
        return Verdict.fail(skipped == null ? why : why + "; " + skipped);
    }

    /** {@code no answer for web.corp: 10.0.0.1 SERVFAIL (and NXDOMAIN for web (from 10.0.0.1))}. */
    private static String failed(List<String> failures, List<DnsAnswers> notFound) {
        return String.join("; ", failures) + (notFound.isEmpty() ? "" : " (and " + describe(notFound) + ")");
    }

    private Verdict reverse(DnsLookup lookup, Query query) {
        int[] types = DnsLookup.ptrType();
        DnsAnswers recent = staleAfterRecentFailure(lookup, query.name(), types);
        if (recent != null) {
            return Verdict.answerName(recent.hostName(), recentFailure(query.name(), recent));
        }
        DnsAnswers answers = lookup.ask(query.name(), types, query.deadline());
        return switch (answers.status()) {
            case DATA -> Verdict.answerName(answers.hostName(), answers.describeData());
            case FAILED -> {
                String failure = "no answer for " + query.name() + ": " + answers.problem();
                DnsAnswers stale = stale(lookup, query.name(), types, failure);
                yield stale == null ? Verdict.fail(failure)
                        : Verdict.answerName(stale.hostName(), failure + "; its last good answer is served: " + stale.describeData());
            }
            default -> Verdict.fail(describe(List.of(answers)));
        };
    }

    /**
     * The stale answers for {@code name} when every server failed for it less than
     * {@link #FAILURE_RECHECK_NANOS} ago and the cache has nothing fresher; null otherwise (then it is asked).
     */
    private DnsAnswers staleAfterRecentFailure(DnsLookup lookup, String name, int[] types) {
        Long failedAt = recentFailures.get(name);
        if (failedAt == null) {
            return null;
        }
        if (System.nanoTime() - failedAt >= FAILURE_RECHECK_NANOS) {
            recentFailures.remove(name, failedAt);
            return null;
        }
        if (lookup.cached(name, types, "not cached").status() == DnsAnswer.Status.DATA) {
            return null; // a fresh answer came meanwhile (another candidate, another type): the cache has it
        }
        return lookup.stale(name, types, "no answer kept");
    }

    private String recentFailure(String name, DnsAnswers stale) {
        Long failedAt = recentFailures.get(name);
        long ago = failedAt == null ? 0 : (System.nanoTime() - failedAt) / 1_000_000_000L;
        return "every server failed for " + name + " " + ago + " s ago; not asked again within " + FAILURE_RECHECK_NANOS / 1_000_000_000L
                + " s of that (RFC 8767), its last good answer is served: " + stale.describeData();
    }

    /** The last good answers for {@code name} (serve-stale), logged; null when there are none. */
    private DnsAnswers stale(DnsLookup lookup, String name, int[] types, String failure) {
        DnsAnswers stale = lookup.stale(name, types, "no answer kept");
        if (stale == null) {
            return null;
        }
        long now = System.nanoTime();
        if (recentFailures.size() >= MAX_RECENT_FAILURES) {
            recentFailures.clear();
        }
        recentFailures.put(name, now);
        long last = lastStaleLogNanos.get();
        if (now - last >= STALE_LOG_INTERVAL_NANOS && lastStaleLogNanos.compareAndSet(last, now)) {
            long more = staleServedUnlogged.getAndSet(0);
            Log.warn("dns: every server failed, a stale answer is served: " + failure + "; " + stale.describeData()
                    + (more == 0 ? "" : " (and " + more + " more stale answers since the last such message)"));
        } else {
            staleServedUnlogged.incrementAndGet();
        }
        return stale;
    }

    /** The names tried for {@code name}, in order (see {@link ResolvConf#candidates}). */
    List<String> candidates(String name, boolean absolute) {
        return setup().conf.candidates(name, absolute);
    }

    /** {@code NXDOMAIN for web.corp, web; NODATA for web.example (from 127.0.0.1:5353)}. */
    private static String describe(List<DnsAnswers> notFound) {
        Map<DnsAnswer.Status, List<String>> names = new LinkedHashMap<>();
        Set<Endpoint> servers = new LinkedHashSet<>();
        for (DnsAnswers answers : notFound) {
            names.computeIfAbsent(answers.status(), status -> new ArrayList<>()).add(answers.describeName());
            servers.addAll(answers.servers());
        }
        String what = names.entrySet().stream()
                .map(entry -> entry.getKey() + " for " + String.join(", ", entry.getValue()))
                .collect(Collectors.joining("; "));
        return what + " (from " + servers.stream().map(Endpoint::toString).collect(Collectors.joining(", ")) + ")";
    }

    /** Stops the probe of nameservers that are down, if it runs. */
    @Override
    public void close() {
        servers.close();
    }
}
