package dev.resolvechain.local;

import dev.resolvechain.wire.Endpoint;
import java.time.Duration;
import java.util.List;

/**
 * How the local tier is set up: the {@code local.*} keys.
 *
 * @param client     the local discovery client's DNS server
 * @param domains    suffixes it answers for, with or without dots, or {@code *} for every name
 * @param timeout    how long it is given per query (further capped by the lookup's deadline)
 * @param onDown     what a lookup does when it cannot get an answer from it
 * @param awaitReady how long after the tier is built a lookup that needs the client waits for it to answer
 * @param staleTtl   how long past their TTL its last good answers may be served while it fails (0: never)
 * @param warmup     for this long after it failed, an empty answer from it does not replace a last good one
 */
public record LocalOptions(Endpoint client, List<String> domains, Duration timeout, OnDown onDown,
                           Duration awaitReady, Duration staleTtl, Duration warmup) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_STALE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(30);

    public LocalOptions {
        domains = List.copyOf(domains);
    }

    /** The defaults of the keys, for {@code client} and {@code domains}. */
    public static LocalOptions of(Endpoint client, List<String> domains) {
        return new LocalOptions(client, domains, DEFAULT_TIMEOUT, OnDown.FALLTHROUGH, Duration.ZERO, DEFAULT_STALE_TTL, DEFAULT_WARMUP);
    }

    public LocalOptions withTimeout(Duration newTimeout) {
        return new LocalOptions(client, domains, newTimeout, onDown, awaitReady, staleTtl, warmup);
    }

    public LocalOptions withOnDown(OnDown newOnDown) {
        return new LocalOptions(client, domains, timeout, newOnDown, awaitReady, staleTtl, warmup);
    }

    public LocalOptions withAwaitReady(Duration newAwaitReady) {
        return new LocalOptions(client, domains, timeout, onDown, newAwaitReady, staleTtl, warmup);
    }

    public LocalOptions withStale(Duration newStaleTtl, Duration newWarmup) {
        return new LocalOptions(client, domains, timeout, onDown, awaitReady, newStaleTtl, newWarmup);
    }
}
