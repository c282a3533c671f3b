package dev.resolvechain.dns;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Configured;
import dev.resolvechain.Log;
import dev.resolvechain.Query;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import dev.resolvechain.files.Problem;
import dev.resolvechain.files.WatchedFiles;
import dev.resolvechain.wire.DnsAnswer;
import dev.resolvechain.wire.DnsAnswers;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.DnsClient;
import dev.resolvechain.wire.DnsLookup;
import dev.resolvechain.wire.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 * ends the lookup at once. Nameservers given explicitly replace resolv.conf's
 * (like Docker's {@code --dns}); the fallback ones are used only when there is no other. A
 * nameserver that is the local discovery client is left out: the {@code local} tier asked it already.
 * A resolv.conf whose only nameserver is systemd-resolved's stub (127.0.0.53) is replaced by
 * resolved's own list of upstream servers, where that exists, as Docker does.
 *
 * <p>resolv.conf is read again when it changes, as glibc does since 2.26 (unless it says
 * {@code options no-reload}): lookups look at it at most every {@link DnsOptions#checkEvery()}, and
 * the servers, search list and options in force are replaced in one step. A change that adds a line
 * that does not parse is not taken (logged with file and line). When the servers change, the cache
 * is emptied: what the old servers said is not the new servers' word.
 *
 * <p>Concurrent lookups of one name share one query. When every server fails, a last good answer is
 * served for up to {@link DnsOptions#staleTtl()} past its TTL (RFC 8767), and the failure is logged;
 * for {@link #FAILURE_RECHECK_NANOS} after that, lookups of the name get that answer at once, without
 * waiting on the failing servers again.
 */
public final class DnsTier implements Tier, Configured {
    /** systemd-resolved's stub listener. */
    static final Endpoint RESOLVED_STUB = Endpoint.parse("127.0.0.53");
    /** Serving stale answers is logged at most this often (with how many were served meanwhile). */
    private static final long STALE_LOG_INTERVAL_NANOS = 10_000_000_000L;
    /**
     * RFC 8767's failure recheck timer: once every server failed for a name and its stale answer was
     * served, that stale answer is served at once, without asking, for this long.
     */
    static final long FAILURE_RECHECK_NANOS = 30_000_000_000L;
    /** Far more names than fail at once in an outage; past it, the record of failures starts afresh. */
    private static final int MAX_RECENT_FAILURES = 10_000;

    private final WatchedFiles<Setup> setup;
    private final AtomicLong lastStaleLogNanos = new AtomicLong(System.nanoTime() - STALE_LOG_INTERVAL_NANOS);
    private final AtomicLong staleServedUnlogged = new AtomicLong();
    /** Names whose servers all failed and whose stale answer was served, with when (nanoTime). */
    private final ConcurrentHashMap<String, Long> recentFailures = new ConcurrentHashMap<>();

    /**
     * What lookups need from the configuration: immutable, replaced whole when resolv.conf changes.
     * {@link #lookup} is null when there is no server; then {@link #noServer} says why.
     */
    private static final class Setup {
        final ResolvConf conf;
        /** {@code /etc/resolv.conf}, or how the servers came from systemd-resolved's list. */
        final String source;
        final List<Endpoint> servers;
        final DnsLookup lookup;
        final String noServer;
        /** Lines of resolv.conf (and of systemd-resolved's list, if used) skipped or not used whole. */
        final List<String> warnings;

        Setup(ResolvConf conf, String source, List<String> warnings, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers,
              Endpoint localClient, DnsCache cache) {
            this.conf = conf;
            this.source = source;
            this.warnings = List.copyOf(warnings);
            List<Endpoint> chosen = without(localClient, nameservers.isEmpty() ? conf.nameservers() : nameservers);
            if (chosen.isEmpty()) {
                chosen = without(localClient, fallbackNameservers);
            }
            this.servers = chosen;
            this.lookup = chosen.isEmpty() ? null
                    : new DnsLookup(new DnsClient(chosen, conf.timeout(), conf.attempts(), conf.rotate()), cache, true);
            this.noServer = chosen.isEmpty() ? noServerReason(conf, source, nameservers, fallbackNameservers, localClient) : null;
        }
    }

    /** A tier for {@code conf}, never read again (for tests and tools). */
    public DnsTier(ResolvConf conf, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers, Endpoint localClient, DnsCache cache) {
        this.setup = WatchedFiles.fixed(new Setup(conf, conf.source(), conf.warnings(), nameservers, fallbackNameservers, localClient, cache));
    }

    private DnsTier(DnsOptions options) {
        DnsCache cache = DnsCache.keepingStale(options.staleTtl());
        List<Path> watched = options.resolvedUpstream() == null
                ? List.of(options.resolvConf()) : List.of(options.resolvConf(), options.resolvedUpstream());
        this.setup = WatchedFiles.watch("resolv.conf " + options.resolvConf(), watched, options.checkEvery(),
                new SetupReader(options, cache), new ChangeLog(cache));
        for (String warning : setup.current().warnings) {
            Log.warn(warning);
        }
    }

    /** The tier for the host configuration in {@code resolvConf}, with the default options otherwise. */
    public static DnsTier create(Path resolvConf, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers,
                                 Endpoint localClient, Map<String, String> env) {
        return create(DnsOptions.of(resolvConf, nameservers, fallbackNameservers, localClient, env));
    }

    /** The tier {@code options} describe: resolv.conf read now, and again when it changes. */
    public static DnsTier create(DnsOptions options) {
        return new DnsTier(options);
    }

    @Override
    public String name() {
        return "dns";
    }

    /** The setup in force, after looking whether resolv.conf changed (unless it says no-reload). */
    private Setup setup() {
        Setup current = setup.current();
        return current.conf.noReload() ? current : setup.get();
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
        Setup current = setup();
        Map<String, Object> settings = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(current.servers.size());
        for (Endpoint server : current.servers) {
            names.add(server.toString());
        }
        settings.put("nameservers", names);
        settings.put("search", current.conf.search());
        settings.put("ndots", current.conf.ndots());
        settings.put("resolvConf", current.source);
        return settings;
    }

    @Override
    public Verdict resolve(Query query) {
        Setup current = setup();
        if (current.lookup == null) {
            return Verdict.fail(current.noServer);
        }
        if (query.reverse()) {
            return reverse(current.lookup, query);
        }
        AddressPolicy policy = query.policy();
        int[] types = DnsLookup.addressTypes(policy);
        List<DnsAnswers> notFound = new ArrayList<>();
        List<String> failures = new ArrayList<>(1);
        boolean searchStopped = false;
        for (String candidate : candidates(current.conf, query.name(), query.absolute())) {
            boolean asIs = candidate.equals(query.name());
            if (searchStopped && !asIs) {
                continue;
            }
            DnsAnswers recent = staleAfterRecentFailure(current.lookup, candidate, types);
            if (recent != null) {
                return Verdict.answer(recent.addresses(policy), recentFailure(candidate, recent));
            }
            DnsAnswers answers = current.lookup.ask(candidate, types, query.deadline());
            switch (answers.status()) {
                case DATA -> {
                    return Verdict.answer(answers.addresses(policy), answers.describeData());
                }
                case FAILED -> {
                    String failure = "no answer for " + candidate + ": " + answers.problem();
                    DnsAnswers stale = stale(current.lookup, candidate, types, failure);
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
        return Verdict.fail(failures.isEmpty() ? describe(notFound) : failed(failures, notFound));
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

    /**
     * The names tried for {@code name}, in order, as {@code res_search} does: an absolute name as
     * is only; a name with at least {@code ndots} dots as is first, then under each search domain;
     * any other name under each search domain first, then as is.
     */
    List<String> candidates(String name, boolean absolute) {
        return candidates(setup().conf, name, absolute);
    }

    private static List<String> candidates(ResolvConf conf, String name, boolean absolute) {
        if (absolute || conf.search().isEmpty()) {
            return List.of(name);
        }
        List<String> candidates = new ArrayList<>(conf.search().size() + 1);
        boolean asIsFirst = dots(name) >= conf.ndots();
        if (asIsFirst) {
            candidates.add(name);
        }
        for (String domain : conf.search()) {
            candidates.add(name + "." + domain);
        }
        if (!asIsFirst) {
            candidates.add(name);
        }
        return candidates;
    }

    private static int dots(String name) {
        int dots = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                dots++;
            }
        }
        return dots;
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

    private static List<Endpoint> without(Endpoint localClient, List<Endpoint> servers) {
        return servers.stream().filter(server -> !server.equals(localClient)).toList();
    }

    private static String noServerReason(ResolvConf conf, String source, List<Endpoint> nameservers, List<Endpoint> fallback,
                                         Endpoint localClient) {
        boolean skippedLocal = localClient != null
                && (conf.nameservers().contains(localClient) || nameservers.contains(localClient) || fallback.contains(localClient));
        String listed = conf.nameservers().isEmpty() ? "lists none" : "lists only " + conf.nameservers().stream().map(Endpoint::toString).collect(Collectors.joining(", "));
        return "no host nameserver: " + source + " " + listed
                + (nameservers.isEmpty() ? ", nameservers is unset" : ", nameservers is " + nameservers)
                + (fallback.isEmpty() ? " and fallbackNameservers is empty" : " and fallbackNameservers is " + fallback)
                + (skippedLocal ? " (the local client " + localClient + " is not asked twice: the local tier asked it already)" : "");
    }

    /** Reads resolv.conf, or systemd-resolved's upstream list in place of its stub. (A class, not a lambda: built at JVM start.) */
    private static final class SetupReader implements WatchedFiles.Reader<Setup> {
        private final DnsOptions options;
        private final DnsCache cache;
        /** A file missing at start is a configuration without servers; one that disappears later is not read (the last good stays). */
        private boolean first = true;

        SetupReader(DnsOptions options, DnsCache cache) {
            this.options = options;
            this.cache = cache;
        }

        @Override
        public WatchedFiles.Loaded<Setup> read() throws IOException {
            if (!first && !Files.exists(options.resolvConf())) {
                throw new NoSuchFileException(options.resolvConf().toString());
            }
            first = false;
            ResolvConf conf = ResolvConf.read(options.resolvConf(), options.environment());
            List<Problem> invalid = new ArrayList<>(conf.invalidLines());
            List<String> warnings = new ArrayList<>(conf.warnings());
            String source = conf.source();
            if (options.nameservers().isEmpty() && options.resolvedUpstream() != null && conf.nameservers().equals(List.of(RESOLVED_STUB))) {
                ResolvConf upstream = upstream();
                if (upstream != null && !upstream.nameservers().isEmpty()) {
                    source = conf.source() + " (systemd-resolved's stub " + RESOLVED_STUB + ": its upstream servers, search list and options from "
                            + upstream.source() + ")";
                    conf = upstream;
                    invalid.addAll(upstream.invalidLines());
                    warnings.addAll(upstream.warnings());
                }
            }
            return new WatchedFiles.Loaded<>(setup(conf, source, warnings), invalid);
        }

        /** systemd-resolved's list, or null when it cannot be read (then its stub is asked). */
        private ResolvConf upstream() {
            try {
                return Files.isRegularFile(options.resolvedUpstream()) ? ResolvConf.read(options.resolvedUpstream(), options.environment()) : null;
            } catch (IOException e) {
                Log.debug("systemd-resolved's upstream list " + options.resolvedUpstream() + " not read (its stub is asked): " + e);
                return null;
            }
        }

        private Setup setup(ResolvConf conf, String source, List<String> warnings) {
            return new Setup(conf, source, warnings, options.nameservers(), options.fallbackNameservers(), options.localClient(), cache);
        }

        @Override
        public Setup unreadable(IOException e) {
            first = false;
            Log.warn("resolv.conf " + options.resolvConf() + " not read: " + e + " (no nameserver from it until it can be read)");
            return setup(ResolvConf.parse("", options.resolvConf().toString(), options.environment()), options.resolvConf().toString(), List.of());
        }
    }

    /** Logs a change taken, and empties the cache when the servers changed. */
    private static final class ChangeLog implements WatchedFiles.Listener<Setup> {
        private final DnsCache cache;

        ChangeLog(DnsCache cache) {
            this.cache = cache;
        }

        @Override
        public void changed(Setup before, Setup after) {
            if (before.conf.sameSettings(after.conf) && before.servers.equals(after.servers) && before.source.equals(after.source)) {
                return; // read again, but nothing that matters changed (a comment, a rewrite of the same text)
            }
            boolean newServers = !before.servers.equals(after.servers);
            if (newServers) {
                cache.clear();
            }
            for (String warning : after.warnings) {
                Log.warn(warning);
            }
            Log.info("resolv.conf read again: " + after.source + ": nameservers " + after.servers + ", search " + after.conf.search()
                    + ", ndots " + after.conf.ndots() + (newServers ? " (new servers: the DNS cache was emptied)" : ""));
        }
    }
}
