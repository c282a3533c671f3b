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

    public LocalOptions {
        domains = List.copyOf(domains);
    }
}
