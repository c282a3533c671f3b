package dev.resolvechain.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Every configuration key, as data. The README's table is written from these. */
public final class Settings {
    private Settings() {
    }

    public enum OnDown { FALLTHROUGH, FAIL }

    public enum LogLevel { OFF, ERROR, WARN, INFO, DEBUG, TRACE }

    public static final Setting<Path> CONFIG = new Setting<>("config", null, Values::path,
            "a properties file with more settings (lowest precedence but the defaults)");
    public static final Setting<Path> ALIASES = new Setting<>("aliases", null, Values::path,
            "the shared alias source: a hosts-format file, or a directory of them");
    public static final Setting<List<String>> ALIASES_SCOPES = new Setting<>("aliases.scopes", "",
            Values.list(Values::domain), "scopes this JVM sees besides the unscoped entries");
    public static final Setting<Duration> ALIASES_OWNER_TTL = new Setting<>("aliases.ownerTtl", "0", Values::duration,
            "an owner whose registration was not refreshed for this long is ignored (0 = never)");
    public static final Setting<Endpoint> LOCAL = new Setting<>("local", null, Endpoint::parse,
            "host:port of the local discovery client's DNS, e.g. 127.0.0.1:53");
    public static final Setting<List<String>> LOCAL_DOMAINS = new Setting<>("local.domains", "*",
            Values.list(Values::domain), "suffixes the local client is asked about; * = every name");
    public static final Setting<Duration> LOCAL_TIMEOUT = new Setting<>("local.timeout", "250ms", Values::positiveDuration,
            "how long one query to the local client may take");
    public static final Setting<Duration> LOCAL_AWAIT_READY = new Setting<>("local.awaitReady", "0", Values::duration,
            "at start, how long a lookup that needs the local client may wait for it to come up");
    public static final Setting<OnDown> LOCAL_ON_DOWN = new Setting<>("local.onDown", "fallthrough", Values.oneOf(OnDown.class),
            "when the local client is down: fallthrough to the host tier, or fail at once");
    public static final Setting<Path> RESOLV_CONF = new Setting<>("resolvConf", "/etc/resolv.conf", Values::path,
            "where the host nameservers, search list and options come from");
    public static final Setting<List<Endpoint>> NAMESERVERS = new Setting<>("nameservers", "",
            Values.list(Endpoint::parse), "explicit host nameservers, ip[:port]; replace those of resolvConf");
    public static final Setting<List<Endpoint>> FALLBACK_NAMESERVERS = new Setting<>("fallbackNameservers", "",
            Values.list(Endpoint::parse), "used only when no host nameserver is configured");
    public static final Setting<Path> HOSTS_FILE = new Setting<>("hostsFile", "/etc/hosts", Values::path,
            "consulted before the host nameservers, as glibc's files");
    public static final Setting<Duration> LOOKUP_TIMEOUT = new Setting<>("lookupTimeout", "3s", Values::positiveDuration,
            "no lookup blocks longer than this, whatever the tiers do");
    public static final Setting<LogLevel> LOG_LEVEL = new Setting<>("log.level", "info", Values.oneOf(LogLevel.class),
            "the agent's own log level: off, error, warn, info, debug, trace");
    public static final Setting<Boolean> STRICT = new Setting<>("strict", "false", Values::bool,
            "true: a configuration or install error stops the JVM; false: it is logged and the JDK's resolver stays");

    public static final List<Setting<?>> ALL = List.of(CONFIG, ALIASES, ALIASES_SCOPES, ALIASES_OWNER_TTL, LOCAL,
            LOCAL_DOMAINS, LOCAL_TIMEOUT, LOCAL_AWAIT_READY, LOCAL_ON_DOWN, RESOLV_CONF, NAMESERVERS,
            FALLBACK_NAMESERVERS, HOSTS_FILE, LOOKUP_TIMEOUT, LOG_LEVEL, STRICT);

    static Setting<?> byKey(String key) {
        for (Setting<?> setting : ALL) {
            if (setting.key().equals(key)) {
                return setting;
            }
        }
        return null;
    }

    static Setting<?> byKeyIgnoringCase(String key) {
        for (Setting<?> setting : ALL) {
            if (setting.key().equalsIgnoreCase(key)) {
                return setting;
            }
        }
        return null;
    }
}
