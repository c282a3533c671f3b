package dev.resolvechain.local;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.wire.DnsName;
import dev.resolvechain.CacheFigures;
import dev.resolvechain.Cached;
import dev.resolvechain.Configured;
import dev.resolvechain.Deadline;
import dev.resolvechain.Durations;
import dev.resolvechain.Query;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import dev.resolvechain.wire.DnsAnswer;
import dev.resolvechain.wire.DnsAnswers;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.DnsClient;
import dev.resolvechain.wire.DnsLookup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local discovery client's DNS server (for example a VIP client on 127.0.0.1:53), asked for the
 * names under its domains only, as written (no search list), once, within its own timeout. For an
 * explicit domain list it is authoritative: a name it does not know does not exist. With {@code *}
 * it is asked about every name, and a name it does not know is asked of the next tier.
 *
 * <p>The tier knows whether the client is up ({@link LocalHealth}): after failures in a row it is
 * down, lookups skip it at once and a probe brings it back. While it fails, its last good answers
 * are served for up to {@code local.staleTtl} past their TTL, and for {@code local.warmup} after a
 * failure an empty answer from it does not replace a last good one (a restarting client answers
 * NXDOMAIN before it has loaded its data). During {@code local.awaitReady} after the tier is built,
 * a lookup that needs the client waits for it to answer.
 */
public final class LocalTier implements Tier, Configured, Cached, AutoCloseable {


    /** The probe asks for {@code resolvechain-probe.<first domain>}, see {@link LocalDomains#probeName}. */
    static final String PROBE_LABEL = "resolvechain-probe";
    private static final int[] PROBE_TYPES = DnsLookup.addressTypes(AddressPolicy.IPV4_ONLY);

    private final String address;
    /** {@code local client 127.0.0.1:53}, as messages name it. */
    private final String client;
    private final LocalDomains domains;
    private final OnDown onDown;
    private final DnsLookup lookup;
    private final LocalHealth health;
    private final Duration timeout;
    private final Duration awaitReady;
    private final long readyUntilNanos;
    private final Duration warmup;
    private final String probeName;

    public LocalTier(LocalOptions options) {
        this.address = options.client().toString();
        this.client = "local client " + address;
        this.domains = new LocalDomains(options.domains());
        this.onDown = options.onDown();
        this.timeout = options.timeout();
        this.awaitReady = options.awaitReady();
        this.readyUntilNanos = System.nanoTime() + options.awaitReady().toNanos();
        this.warmup = options.warmup();
        this.lookup = new DnsLookup(new DnsClient(List.of(options.client()), options.timeout(), 1, false),
                DnsCache.keepingStale(options.staleTtl()));
        this.health = new LocalHealth(client, new ClientProbe());
        this.probeName = domains.probeName(PROBE_LABEL);
    }

    @Override
    public String name() {
        return "local";
    }

    /** For {@code explain} and {@code status}: the client, its domains and whether it is up. */
    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("local", address);
        settings.put("localDomains", domains.suffixes());
        settings.put("localHealth", health.describe());
        return settings;
    }

    @Override
    public CacheFigures cacheFigures() {
        return lookup.cacheFigures();
    }

    /** The client, when it is down. */
    @Override
    public List<String> problems() {
        return health.down() ? List.of("local: " + client + " " + health.describe()) : List.of();
    }

    @Override
    public void flushCache() {
        lookup.clearCache();
    }

    /** A name outside {@code local.domains} falls through without the client being asked. */
    @Override
    public boolean decidesAtOnce(Query query) {
        return domains.domainOf(query.name()) == null;
    }

    @Override
    public Verdict resolve(Query query) {
        String domain = domains.domainOf(query.name());
        if (domain == null) {
            return Verdict.fallthrough("not under local.domains (" + domains + ")");
        }
        int[] types = query.reverse() ? DnsLookup.ptrType() : DnsLookup.addressTypes(query.policy());
        long waited = awaitReady(query);
        DnsAnswers answers = askOrCached(query, types);
        if (answers.serverFailed() && health.down() && startWindowOpen()) {
            waited += awaitReady(query);
            answers = askOrCached(query, types);
        }
        Verdict verdict = switch (answers.status()) {
            case DATA -> answer(query, answers, "");
            case FAILED -> unavailable(query, types, answers);
            case NXDOMAIN, NODATA -> notFound(query, types, answers, domain);
        };
        return waited == 0 ? verdict : withDetail(verdict, waitedFor(waited) + verdict.detail());
    }

    /** Stops the probe, if it runs. */
    @Override
    public void close() {
        health.close();
    }

    /** The client's health (for tests). */
    LocalHealth health() {
        return health;
    }

    /**
     * While the start window is open and the client is down, waits until it is up or the window
     * ends; the time waited is added to the lookup's deadline. Returns the nanoseconds waited.
     */
    private long awaitReady(Query query) {
        if (!health.down() || !startWindowOpen()) {
            return 0;
        }
        long start = System.nanoTime();
        health.awaitUp(readyUntilNanos);
        long waited = System.nanoTime() - start;
        query.deadline().postpone(waited);
        return waited;
    }

    private boolean startWindowOpen() {
        return readyUntilNanos - System.nanoTime() > 0;
    }

    /** Asks the client, unless it is down (then only the cache), and tells its health what happened. */
    private DnsAnswers askOrCached(Query query, int[] types) {
        if (health.down()) {
            return lookup.cached(query.name(), types, "not asked: the client is down");
        }
        Deadline deadline = query.deadline();
        boolean fullTry = deadline.remainingNanos() >= timeout.toNanos();
        DnsAnswers answers = lookup.ask(query.name(), types, deadline);
        if (answers.serverAnswered()) {
            health.answered();
        } else if (answers.serverFailed() && (fullTry || !deadline.expired())) {
            // a try cut short by the lookup's own deadline says nothing against the client
            health.failed(problem(answers), startWindowOpen() ? 1 : LocalHealth.FAILURE_THRESHOLD);
        }
        return answers;
    }

    private Verdict answer(Query query, DnsAnswers answers, String why) {
        String detail = why + answers.describeData();
        return query.reverse() ? Verdict.answerName(answers.hostName(), detail)
                : Verdict.answer(answers.addresses(query.policy()), detail);
    }

    /** The client did not answer, or is down: its last good answer if there is one, else as local.onDown says. */
    private Verdict unavailable(Query query, int[] types, DnsAnswers answers) {
        String why = answers.serverFailed()
                ? client + " did not answer: " + problem(answers) + " (" + health.describeAfterFailure() + ")"
                : client + " is " + health.describe() + "; skipped";
        DnsAnswers stale = lookup.stale(query.name(), types, "no answer kept");
        if (stale != null) {
            return answer(query, stale, why + "; its last good answer is served: ");
        }
        return onDown == OnDown.FALLTHROUGH
                ? Verdict.fallthrough(why + " (local.onDown=fallthrough: the next tier is asked)")
                : Verdict.fail(why + " (local.onDown=fail: its names are not looked up elsewhere)");
    }

    private Verdict notFound(Query query, int[] types, DnsAnswers answers, String domain) {
        String says = client + " says " + answers.status() + " for " + answers.describeName();
        DnsAnswers stale = health.failedWithin(warmup.toNanos()) ? lookup.stale(query.name(), types, "no answer kept") : null;
        if (stale != null) {
            return answer(query, stale, says + ", but it failed " + LocalHealth.seconds(health.sinceLastFailure())
                    + " ago (local.warmup=" + Durations.text(warmup) + "): an empty answer does not replace its last good one: ");
        }
        if (domains.everyName()) {
            return Verdict.fallthrough(says + " (local.domains is *: the next tier is asked)");
        }
        return Verdict.fail(says + " (final: " + domain + " is in local.domains)");
    }

    /** {@code waited 1.2 s for the local client (local.awaitReady); }. */
    private String waitedFor(long nanos) {
        return "waited " + LocalHealth.seconds(nanos) + " for the local client (local.awaitReady"
                + (health.down() ? "=" + Durations.text(awaitReady) + ", over without an answer" : "") + "); ";
    }

    private static Verdict withDetail(Verdict verdict, String detail) {
        return new Verdict(verdict.outcome(), verdict.addresses(), verdict.hostName(), detail);
    }

    /** What went wrong, without the client's address (the detail names it already). */
    private String problem(DnsAnswers answers) {
        return stripClient(answers.problem());
    }

    private String stripClient(String problem) {
        String prefix = address + " ";
        return problem.startsWith(prefix) ? problem.substring(prefix.length()) : problem;
    }

    /**
     * One query for the probe name: any final answer (NOERROR, even NXDOMAIN) shows the client up.
     * SERVFAIL and REFUSED do not: lookups would fail the same way. (A class, not a method reference:
     * the tier is built at JVM start, where each reference costs a generated class.)
     */
    private final class ClientProbe implements LocalHealth.Probe {
        @Override
        public String problem() {
            DnsName name;
            try {
                name = DnsName.of(probeName);
            } catch (IllegalArgumentException e) {
                return "probe name " + probeName + " is not a DNS name";
            }
            DnsAnswer answer = lookup.client().ask(name, PROBE_TYPES, Deadline.after(timeout))[0];
            return answer.status() == DnsAnswer.Status.FAILED ? stripClient(answer.problem()) : null;
        }
    }
}
