package dev.resolvechain.dns;

import dev.resolvechain.Log;
import dev.resolvechain.files.Problem;
import dev.resolvechain.files.HostsFormat;
import dev.resolvechain.files.TextFiles;
import dev.resolvechain.files.WatchedFiles;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.DnsClient;
import dev.resolvechain.wire.DnsLookup;
import dev.resolvechain.wire.Endpoint;
import dev.resolvechain.wire.Nameservers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The host nameservers in force, their health, and where they come from: explicit servers replace
 * resolv.conf's (like Docker's {@code --dns}); the fallback ones are used only when there is no
 * other. A nameserver that is the local discovery client is not asked the names the {@code local}
 * tier asked it already ({@link LocalClientNames}); for every other name it is a host nameserver
 * like any other. A resolv.conf whose only nameserver is systemd-resolved's stub (127.0.0.53) is
 * replaced by resolved's own list of upstream servers, where that exists, as Docker does. Health
 * ({@link Nameservers}) is kept by address across reloads.
 *
 * <p>resolv.conf is read again when it changes, as glibc does since 2.26 (unless it says
 * {@code options no-reload}): lookups look at it at most every {@link DnsOptions#checkEvery()}, and
 * the servers, search list and options in force are replaced in one step. A change that adds a line
 * that does not parse is not taken (logged with file and line). When the servers change, the cache
 * is emptied: what the old servers said is not the new servers' word.
 */
final class HostServers implements AutoCloseable {
    /** systemd-resolved's stub listener. */
    static final Endpoint RESOLVED_STUB = Endpoint.parse("127.0.0.53");

    private final WatchedFiles<Setup> setup;
    private final Nameservers health;
    private final DnsCache cache;

    private HostServers(WatchedFiles<Setup> setup, Nameservers health, DnsCache cache) {
        this.setup = setup;
        this.health = health;
        this.cache = cache;
    }

    /** {@code conf}, never read again (for tests and tools). */
    static HostServers fixed(ResolvConf conf, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers, LocalClientNames local,
                             DnsCache cache, Nameservers health) {
        Setup fixed = new Setup(conf, conf.source(), conf.warnings(), nameservers, fallbackNameservers, local, cache, health);
        return new HostServers(WatchedFiles.fixed(fixed), health, cache);
    }

    /** What {@code options} describe: resolv.conf read now, and again when it changes. */
    static HostServers watched(DnsOptions options, DnsCache cache) {
        Nameservers health = new Nameservers(options.maxFails());
        List<Path> files = options.resolvedUpstream() == null
                ? List.of(options.resolvConf()) : List.of(options.resolvConf(), options.resolvedUpstream());
        HostServers servers = new HostServers(WatchedFiles.watch("resolv.conf " + options.resolvConf(), files, options.checkEvery(),
                new SetupReader(options, cache, health), new ChangeLog(cache)), health, cache);
        warn(servers.setup.current().warnings);
        return servers;
    }

    /** The first few warnings of a read, then a count: resolv.conf may hold thousands of bad lines. */
    private static void warn(List<String> warnings) {
        int shown = Math.min(warnings.size(), HostsFormat.MAX_PROBLEMS);
        for (int i = 0; i < shown; i++) {
            Log.warn(warnings.get(i));
        }
        if (warnings.size() > shown) {
            Log.warn("and " + (warnings.size() - shown) + " more warnings of the same resolv.conf");
        }
    }

    /** The setup in force, after looking whether resolv.conf changed (unless it says no-reload). */
    Setup current() {
        Setup current = setup.current();
        return current.conf.noReload() ? current : setup.get();
    }

    /** The answers of every server in force, kept across resolv.conf changes of the same servers. */
    DnsCache cache() {
        return cache;
    }

    /** No server to ask, or servers in force that are down (with since when and why), one line each. */
    List<String> problems() {
        Setup current = current();
        List<String> problems = new ArrayList<>();
        if (current.noServer != null) {
            problems.add("dns: " + current.noServer);
        }
        for (String down : health.downOnes(current.servers)) {
            problems.add("dns: nameserver " + down);
        }
        return problems;
    }

    /** The servers in force, each with its health ({@code 127.0.0.1: up (answers in 0.3 ms)}), the search list and ndots. */
    Map<String, Object> settings() {
        Setup current = current();
        Map<String, Object> settings = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(current.servers.size());
        for (Endpoint server : current.servers) {
            names.add(server.toString());
        }
        settings.put("nameservers", names);
        settings.put("nameserverHealth", health.describe(current.servers));
        settings.put("search", current.conf.search());
        settings.put("ndots", current.conf.ndots());
        settings.put("resolvConf", current.source);
        return settings;
    }

    @Override
    public void close() {
        health.close();
    }

    /**
     * What lookups need from the configuration: immutable, replaced whole when resolv.conf changes.
     * {@link #lookup} is null when there is no server; then {@link #noServer} says why.
     */
    static final class Setup {
        final ResolvConf conf;
        /** {@code /etc/resolv.conf}, or how the servers came from systemd-resolved's list. */
        final String source;
        final List<Endpoint> servers;
        final DnsLookup lookup;
        /** For the names the local tier asked its client already: every server but that client (null: none is left). */
        private final DnsLookup lookupButLocal;
        private final LocalClientNames local;
        final String noServer;
        /** Lines of resolv.conf (and of systemd-resolved's list, if used) skipped or not used whole. */
        final List<String> warnings;

        Setup(ResolvConf conf, String source, List<String> warnings, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers,
              LocalClientNames local, DnsCache cache, Nameservers health) {
            this.conf = conf;
            this.source = source;
            this.warnings = List.copyOf(warnings);
            this.local = local;
            List<Endpoint> chosen = nameservers.isEmpty() ? conf.nameservers() : nameservers;
            if (chosen.isEmpty()) {
                chosen = fallbackNameservers;
            }
            this.servers = List.copyOf(chosen);
            this.lookup = lookupOf(chosen, conf, cache, health);
            List<Endpoint> others = local == null ? chosen : chosen.stream().filter(server -> !server.equals(local.client())).toList();
            this.lookupButLocal = others.size() == chosen.size() ? lookup : lookupOf(others, conf, cache, health);
            this.noServer = chosen.isEmpty() ? noServerReason(conf, source, nameservers, fallbackNameservers) : null;
        }

        private static DnsLookup lookupOf(List<Endpoint> servers, ResolvConf conf, DnsCache cache, Nameservers health) {
            return servers.isEmpty() ? null
                    : new DnsLookup(new DnsClient(servers, conf.timeout(), conf.attempts(), conf.rotate(), health), cache);
        }

        /**
         * The lookup for {@code candidate}, a name tried for {@code asked} (the name as the
         * application wrote it): without the local client when the local tier asked it {@code asked}
         * and this is that name; null when no server is left for it.
         */
        DnsLookup lookupFor(String asked, String candidate) {
            return local != null && candidate.equals(asked) && local.asked(asked) ? lookupButLocal : lookup;
        }

        /** Why {@link #lookupFor} has no server for a name: only the local client, which the local tier asked already. */
        String onlyLocal(String name) {
            return name + ": not asked again of the local client " + local.client() + " (the local tier asked it already), and "
                    + source + " lists no other nameserver";
        }
    }

    private static String noServerReason(ResolvConf conf, String source, List<Endpoint> nameservers, List<Endpoint> fallback) {
        String listed = conf.nameservers().isEmpty() ? "lists none" : "lists only " + conf.nameservers().stream().map(Endpoint::toString).collect(Collectors.joining(", "));
        return "no host nameserver: " + source + " " + listed
                + (nameservers.isEmpty() ? ", nameservers is unset" : ", nameservers is " + nameservers)
                + (fallback.isEmpty() ? " and fallbackNameservers is empty" : " and fallbackNameservers is " + fallback);
    }

    /** Reads resolv.conf, or systemd-resolved's upstream list in place of its stub. (A class, not a lambda: built at JVM start.) */
    private static final class SetupReader implements WatchedFiles.Reader<Setup> {
        private final DnsOptions options;
        private final DnsCache cache;
        private final Nameservers health;
        /** A file missing at start is a configuration without servers; one that disappears later is not read (the last good stays). */
        private boolean first = true;

        SetupReader(DnsOptions options, DnsCache cache, Nameservers health) {
            this.options = options;
            this.cache = cache;
            this.health = health;
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
            return new Setup(conf, source, warnings, options.nameservers(), options.fallbackNameservers(), options.localClient(), cache,
                    health);
        }

        @Override
        public Setup unreadable(IOException e) {
            first = false;
            Log.warn(TextFiles.notRead(options.resolvConf(), "resolv.conf", e) + " (no nameserver from it until it can be read)");
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
            warn(after.warnings);
            Log.info("resolv.conf read again: " + after.source + ": nameservers " + after.servers + ", search " + after.conf.search()
                    + ", ndots " + after.conf.ndots() + (newServers ? " (new servers: the DNS cache was emptied)" : ""));
        }
    }
}
