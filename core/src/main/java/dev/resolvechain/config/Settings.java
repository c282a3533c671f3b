package dev.resolvechain.config;

import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.local.OnDown;
import dev.resolvechain.wire.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Every configuration key, as data. docs/configuration.md's table is written from these (ConfigurationDocsTest keeps it so). */
public final class Settings {
    private Settings() {
    }

    public static final Setting<Path> CONFIG = new Setting<>("config", null, ValueType.PATH,
            "a properties file with more settings (lowest precedence but the defaults)");
    public static final Setting<Path> ALIASES = new Setting<>("aliases", null, ValueType.PATH,
            "the shared alias source: a hosts-format file, or a directory of them");
    public static final Setting<List<String>> ALIASES_SCOPES = new Setting<>("aliases.scopes", "",
            ValueType.DOMAINS, "scopes this JVM sees besides the unscoped entries");
    public static final Setting<Duration> ALIASES_OWNER_TTL = new Setting<>("aliases.ownerTtl", "0", ValueType.DURATION,
            "an owner whose registration was not refreshed for this long is ignored (0 = never)");
    public static final Setting<AliasOrder> ALIASES_ORDER = Setting.oneOf("aliases.order", "shuffle", AliasOrder.class,
            "shuffle: a new random order per lookup (Docker's round robin); file: the files' order");
    public static final Setting<Duration> ALIASES_POLL = new Setting<>("aliases.poll", "500ms", ValueType.POSITIVE_DURATION,
            "how often the whole alias source is looked at, besides file events (bind mounts and network file systems give none); at least 20 times the look's own duration");
    public static final Setting<Long> ALIASES_MAX_FILE_SIZE = new Setting<>("aliases.maxFileSize", "4m", ValueType.SIZE,
            "an alias file larger than this is refused unread, with an error naming it");
    public static final Setting<Boolean> ALIASES_STRICT_MODES = new Setting<>("aliases.strictModes", "true", ValueType.BOOLEAN,
            "true: an alias directory or file that a user other than this JVM's or root may write is refused (as ssh's StrictModes)");
    public static final Setting<Endpoint> LOCAL = new Setting<>("local", null, ValueType.ENDPOINT,
            "ip[:port] of the local discovery client's DNS, e.g. 127.0.0.1:53");
    public static final Setting<List<String>> LOCAL_DOMAINS = new Setting<>("local.domains", "*",
            ValueType.DOMAINS, "suffixes the local client is asked about; * = every name");
    public static final Setting<Duration> LOCAL_TIMEOUT = new Setting<>("local.timeout", "250ms", ValueType.POSITIVE_DURATION,
            "how long one query to the local client may take");
    public static final Setting<Duration> LOCAL_AWAIT_READY = new Setting<>("local.awaitReady", "0", ValueType.DURATION,
            "for this long after start, a lookup that needs the local client waits for it to answer (even past lookupTimeout)");
    public static final Setting<OnDown> LOCAL_ON_DOWN = Setting.oneOf("local.onDown", "fallthrough", OnDown.class,
            "when the local client is down or does not answer: fallthrough to the next tiers, or fail at once");
    public static final Setting<Duration> LOCAL_STALE_TTL = new Setting<>("local.staleTtl", "5m", ValueType.DURATION,
            "while the local client is down or failing, its last good answers are served up to this long past their TTL (0 = never)");
    public static final Setting<Duration> LOCAL_WARMUP = new Setting<>("local.warmup", "30s", ValueType.DURATION,
            "for this long after the local client failed, its NXDOMAIN or NODATA does not replace a last good answer (within local.staleTtl)");
    public static final Setting<Path> RESOLV_CONF = new Setting<>("resolvConf", "/etc/resolv.conf", ValueType.PATH,
            "where the host nameservers, search list and options come from");
    public static final Setting<List<Endpoint>> NAMESERVERS = new Setting<>("nameservers", "",
            ValueType.ENDPOINTS, "explicit host nameservers, ip[:port]; replace those of resolvConf");
    public static final Setting<List<Endpoint>> FALLBACK_NAMESERVERS = new Setting<>("fallbackNameservers", "",
            ValueType.ENDPOINTS, "used only when no host nameserver is configured");
    public static final Setting<Duration> DNS_STALE_TTL = new Setting<>("dns.staleTtl", "5m", ValueType.DURATION,
            "when every host nameserver fails, the last good answers are served up to this long past their TTL (0 = never)");
    public static final Setting<Integer> DNS_MAX_FAILS = new Setting<>("dns.maxFails", "2", ValueType.COUNT,
            "a host nameserver that failed this many lookups in a row (timeout, refused, SERVFAIL) is asked last until it answers a probe");
    public static final Setting<Path> HOSTS_FILE = new Setting<>("hostsFile", "/etc/hosts", ValueType.PATH,
            "consulted before the host nameservers, as glibc's files");
    public static final Setting<Long> HOSTS_FILE_MAX_SIZE = new Setting<>("hostsFile.maxSize", "4m", ValueType.SIZE,
            "a hosts file larger than this is refused unread (the last good one stays in force)");
    public static final Setting<Duration> LOOKUP_TIMEOUT = new Setting<>("lookupTimeout", "3s", ValueType.POSITIVE_DURATION,
            "no lookup blocks longer than this, whatever the tiers do");
    public static final Setting<LogLevel> LOG_LEVEL = Setting.oneOf("log.level", "info", LogLevel.class,
            "the agent's own log level: off, error, warn, info, debug, trace");
    public static final Setting<Boolean> STRICT = new Setting<>("strict", "false", ValueType.BOOLEAN,
            "true: a configuration or install error stops the JVM; false: it is logged and the JDK's resolver stays");

    public static final List<Setting<?>> ALL = List.of(CONFIG, ALIASES, ALIASES_SCOPES, ALIASES_OWNER_TTL, ALIASES_ORDER, ALIASES_POLL,
            ALIASES_MAX_FILE_SIZE, ALIASES_STRICT_MODES, LOCAL,
            LOCAL_DOMAINS, LOCAL_TIMEOUT, LOCAL_AWAIT_READY, LOCAL_ON_DOWN, LOCAL_STALE_TTL, LOCAL_WARMUP, RESOLV_CONF, NAMESERVERS,
            FALLBACK_NAMESERVERS, DNS_STALE_TTL, DNS_MAX_FAILS, HOSTS_FILE, HOSTS_FILE_MAX_SIZE, LOOKUP_TIMEOUT, LOG_LEVEL, STRICT);
}
