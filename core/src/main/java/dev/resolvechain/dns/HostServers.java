package dev.resolvechain.dns;

import dev.resolvechain.Log;
import dev.resolvechain.files.Problem;
import dev.resolvechain.files.WatchedFiles;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.DnsClient;
import dev.resolvechain.wire.DnsLookup;
import dev.resolvechain.wire.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The host nameservers in force, and where they come from: explicit servers replace resolv.conf's
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
 */
final class HostServers {
    /** systemd-resolved's stub listener. */
    static final Endpoint RESOLVED_STUB = Endpoint.parse("127.0.0.53");

    private final WatchedFiles<Setup> setup;

    private HostServers(WatchedFiles<Setup> setup) {
        this.setup = setup;
    }

    /** {@code conf}, never read again (for tests and tools). */
    static HostServers fixed(ResolvConf conf, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers, Endpoint localClient,
                             DnsCache cache) {
        return new HostServers(WatchedFiles.fixed(new Setup(conf, conf.source(), conf.warnings(), nameservers, fallbackNameservers,
                localClient, cache)));
    }

    /** What {@code options} describe: resolv.conf read now, and again when it changes. */
    static HostServers watched(DnsOptions options, DnsCache cache) {
        List<Path> files = options.resolvedUpstream() == null
                ? List.of(options.resolvConf()) : List.of(options.resolvConf(), options.resolvedUpstream());
        HostServers servers = new HostServers(WatchedFiles.watch("resolv.conf " + options.resolvConf(), files, options.checkEvery(),
                new SetupReader(options, cache), new ChangeLog(cache)));
        for (String warning : servers.setup.current().warnings) {
            Log.warn(warning);
        }
        return servers;
    }

    /** The setup in force, after looking whether resolv.conf changed (unless it says no-reload). */
    Setup current() {
        Setup current = setup.current();
        return current.conf.noReload() ? current : setup.get();
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
