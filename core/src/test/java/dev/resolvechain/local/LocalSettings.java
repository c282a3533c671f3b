package dev.resolvechain.local;

import dev.resolvechain.config.Config;
import dev.resolvechain.config.ConfigException;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.config.Settings;
import dev.resolvechain.wire.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@code local.*} settings of a test: the configuration's defaults, with what the test changes. */
final class LocalSettings {
    private static final Config DEFAULTS = defaults();

    private final Endpoint client;
    private final List<String> domains;
    private Duration timeout = DEFAULTS.get(Settings.LOCAL_TIMEOUT);
    private OnDown onDown = DEFAULTS.get(Settings.LOCAL_ON_DOWN);
    private Duration awaitReady = DEFAULTS.get(Settings.LOCAL_AWAIT_READY);
    private Duration staleTtl = DEFAULTS.get(Settings.LOCAL_STALE_TTL);
    private Duration warmup = DEFAULTS.get(Settings.LOCAL_WARMUP);

    private static Config defaults() {
        try {
            return ConfigLoader.load("", Map.of(), Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults do not parse", e);
        }
    }

    LocalSettings(Endpoint client, List<String> domains) {
        this.client = client;
        this.domains = List.copyOf(domains);
    }

    LocalSettings withTimeout(Duration newTimeout) {
        timeout = newTimeout;
        return this;
    }

    LocalSettings withOnDown(OnDown newOnDown) {
        onDown = newOnDown;
        return this;
    }

    LocalSettings withAwaitReady(Duration newAwaitReady) {
        awaitReady = newAwaitReady;
        return this;
    }

    LocalSettings withStale(Duration newStaleTtl, Duration newWarmup) {
        staleTtl = newStaleTtl;
        warmup = newWarmup;
        return this;
    }

    LocalOptions options() {
        return new LocalOptions(client, domains, timeout, onDown, awaitReady, staleTtl, warmup);
    }
}
