package dev.resolvechain.dns;

import dev.resolvechain.wire.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the dns tier is configured.
 *
 * @param resolvConf          the host's resolv.conf, read again when it changes
 * @param resolvedUpstream    systemd-resolved's list of its upstream servers, used instead of a resolv.conf whose
 *                            only nameserver is its stub (127.0.0.53), as Docker does; null: never
 * @param nameservers         explicit servers: replace resolv.conf's (its search list and options still apply)
 * @param fallbackNameservers used only when there is no other server
 * @param localClient         the local tier's client and the names it asks it, not asked again here; null when there is none
 * @param environment         for {@code LOCALDOMAIN} and {@code RES_OPTIONS}
 * @param staleTtl            when every server fails, a last good answer is served up to this long past its TTL (0: never)
 * @param checkEvery          how often lookups look whether resolv.conf changed
 * @param maxFails            lookups a server must fail in a row to be down (asked last until it answers a probe)
 */
public record DnsOptions(Path resolvConf, Path resolvedUpstream, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers,
                         LocalClientNames localClient, Map<String, String> environment, Duration staleTtl, Duration checkEvery,
                         int maxFails) {

    /** Where systemd-resolved writes the servers it forwards to. */
    public static final Path SYSTEMD_RESOLVED_UPSTREAM = Path.of("/run/systemd/resolve/resolv.conf");

    public DnsOptions {
        nameservers = List.copyOf(nameservers);
        fallbackNameservers = List.copyOf(fallbackNameservers);
        environment = Map.copyOf(environment);
    }
}
