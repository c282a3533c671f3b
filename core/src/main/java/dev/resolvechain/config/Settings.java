package dev.resolvechain.config;

import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.local.OnDown;
import dev.resolvechain.wire.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every configuration key, as data, with the range its values must fall in. docs/configuration.md's
 * table is written from these (ConfigurationDocsTest keeps it so). The bounds refuse what can only
 * be a slip (a lookup timeout of hours, a cap past 1 GiB), and keep every duration's nanoseconds
 * and every deadline within a long.
 */
public final class Settings {
    private static final long HOUR = Setting.HOUR;
    private static final long MAX_LOOKUP_TIMEOUT = 10 * Setting.MINUTE;
    /** A week: RFC 8767 suggests serving stale answers for one to three days at most. */
    private static final long MAX_STALE_TTL = 168 * HOUR;
    private static final long MAX_OWNER_TTL = 8760 * HOUR;
    private static final long MAX_FILE_SIZE = 1L << 30;
    private static final int MAX_LIST_ITEMS = 64;
    private static final int MAX_NAMESERVERS = 16;
    private static final int MAX_USER_LENGTH = 256;

    private Settings() {
    }

    public static final Setting<Path> CONFIG = Setting.path("config", null,
            "a properties file with more settings (lowest precedence but the defaults)");
    public static final Setting<String> ALIASES = Setting.aliasSource("aliases",
            "the shared alias source: a hosts-format file, a directory of them, or etcd://HOST:PORT[,HOST:PORT...]/PREFIX");
    public static final Setting<Path> ALIASES_SNAPSHOT = Setting.path("aliases.snapshot", null,
            "where the last state of an etcd alias source is kept, to start from when etcd cannot be reached (unset: $XDG_CACHE_HOME or ~/.cache, /resolvechain/etcd-HASH.snapshot)");
    public static final Setting<Path> ALIASES_ETCD_CA = Setting.path("aliases.etcd.ca", null,
            "PEM certificates of the CA that signed the etcd members' certificates; set, etcd is spoken to over TLS");
    public static final Setting<Path> ALIASES_ETCD_CERT = Setting.path("aliases.etcd.cert", null,
            "PEM client certificate presented to etcd (with aliases.etcd.key; TLS)");
    public static final Setting<Path> ALIASES_ETCD_KEY = Setting.path("aliases.etcd.key", null,
            "PKCS#8 PEM key of aliases.etcd.cert");
    public static final Setting<String> ALIASES_ETCD_USER = Setting.text("aliases.etcd.user", MAX_USER_LENGTH,
            "etcd user to authenticate as (with aliases.etcd.passwordFile)");
    public static final Setting<Path> ALIASES_ETCD_PASSWORD_FILE = Setting.path("aliases.etcd.passwordFile", null,
            "file whose first line is the password of aliases.etcd.user (a file, not a value: values show in process listings)");
    public static final Setting<List<String>> ALIASES_SCOPES = Setting.scopes("aliases.scopes", "", MAX_LIST_ITEMS,
            "scopes this JVM sees besides the unscoped entries");
    public static final Setting<Duration> ALIASES_OWNER_TTL = Setting.duration("aliases.ownerTtl", "0", 0, MAX_OWNER_TTL,
            "an owner whose registration was not refreshed for this long is ignored (0 = never)");
    public static final Setting<AliasOrder> ALIASES_ORDER = Setting.oneOf("aliases.order", "shuffle", AliasOrder.class,
            "shuffle: a new random order per lookup (Docker's round robin); file: the files' order");
    public static final Setting<Duration> ALIASES_POLL = Setting.duration("aliases.poll", "500ms", 10, HOUR,
            "how often the whole alias source is looked at, besides file events (bind mounts and network file systems give none); at least 20 times the look's own duration");
    public static final Setting<Long> ALIASES_MAX_FILE_SIZE = Setting.size("aliases.maxFileSize", "4m", 1, MAX_FILE_SIZE,
            "an alias file larger than this is refused unread, with an error naming it");
    public static final Setting<Boolean> ALIASES_STRICT_MODES = Setting.bool("aliases.strictModes", "true",
            "true: an alias directory or file that a user other than this JVM's or root may write is refused (as ssh's StrictModes)");
    public static final Setting<Endpoint> LOCAL = Setting.endpoint("local", null,
            "ip[:port] of the local discovery client's DNS, e.g. 127.0.0.1:53");
    public static final Setting<List<String>> LOCAL_DOMAINS = Setting.domains("local.domains", "*", 1, MAX_LIST_ITEMS,
            "suffixes the local client is asked about; * = every name");
    public static final Setting<Duration> LOCAL_TIMEOUT = Setting.duration("local.timeout", "250ms", 1, MAX_LOOKUP_TIMEOUT,
            "how long one query to the local client may take; while local is set, at most lookupTimeout");
    public static final Setting<Duration> LOCAL_AWAIT_READY = Setting.duration("local.awaitReady", "0", 0, HOUR,
            "for this long after start, a lookup that needs the local client waits for it to answer (even past lookupTimeout)");
    public static final Setting<OnDown> LOCAL_ON_DOWN = Setting.oneOf("local.onDown", "fallthrough", OnDown.class,
            "when the local client is down or does not answer: fallthrough to the next tiers, or fail at once");
    public static final Setting<Duration> LOCAL_STALE_TTL = Setting.duration("local.staleTtl", "5m", 0, MAX_STALE_TTL,
            "while the local client is down or failing, its last good answers are served up to this long past their TTL (0 = never)");
    public static final Setting<Duration> LOCAL_WARMUP = Setting.duration("local.warmup", "30s", 0, HOUR,
            "for this long after the local client failed, its NXDOMAIN or NODATA does not replace a last good answer (within local.staleTtl)");
    public static final Setting<Path> RESOLV_CONF = Setting.path("resolvConf", "/etc/resolv.conf",
            "where the host nameservers, search list and options come from");
    public static final Setting<List<Endpoint>> NAMESERVERS = Setting.endpoints("nameservers", "", MAX_NAMESERVERS,
            "explicit host nameservers, ip[:port]; replace those of resolvConf");
    public static final Setting<List<Endpoint>> FALLBACK_NAMESERVERS = Setting.endpoints("fallbackNameservers", "", MAX_NAMESERVERS,
            "used only when no host nameserver is configured");
    public static final Setting<Duration> DNS_STALE_TTL = Setting.duration("dns.staleTtl", "5m", 0, MAX_STALE_TTL,
            "when every host nameserver fails, the last good answers are served up to this long past their TTL (0 = never)");
    public static final Setting<Integer> DNS_MAX_FAILS = Setting.count("dns.maxFails", "2", 1, 100,
            "a host nameserver that failed this many lookups in a row (timeout, refused, SERVFAIL) is asked last until it answers a probe");
    public static final Setting<Path> HOSTS_FILE = Setting.path("hostsFile", "/etc/hosts",
            "consulted before the host nameservers, as glibc's files");
    public static final Setting<Long> HOSTS_FILE_MAX_SIZE = Setting.size("hostsFile.maxSize", "4m", 1, MAX_FILE_SIZE,
            "a hosts file larger than this is refused unread (the last good one stays in force)");
    public static final Setting<Duration> LOOKUP_TIMEOUT = Setting.duration("lookupTimeout", "3s", 1, MAX_LOOKUP_TIMEOUT,
            "no lookup blocks longer than this, whatever the tiers do");
    public static final Setting<LogLevel> LOG_LEVEL = Setting.oneOf("log.level", "info", LogLevel.class,
            "the agent's own log level: off, error, warn, info, debug, trace");
    public static final Setting<Boolean> STRICT = Setting.bool("strict", "false",
            "true: a configuration or install error stops the JVM; false: it is logged and the JDK's resolver stays");

    public static final List<Setting<?>> ALL = List.of(CONFIG, ALIASES, ALIASES_SNAPSHOT, ALIASES_ETCD_CA, ALIASES_ETCD_CERT,
            ALIASES_ETCD_KEY, ALIASES_ETCD_USER, ALIASES_ETCD_PASSWORD_FILE, ALIASES_SCOPES, ALIASES_OWNER_TTL, ALIASES_ORDER, ALIASES_POLL,
            ALIASES_MAX_FILE_SIZE, ALIASES_STRICT_MODES, LOCAL,
            LOCAL_DOMAINS, LOCAL_TIMEOUT, LOCAL_AWAIT_READY, LOCAL_ON_DOWN, LOCAL_STALE_TTL, LOCAL_WARMUP, RESOLV_CONF, NAMESERVERS,
            FALLBACK_NAMESERVERS, DNS_STALE_TTL, DNS_MAX_FAILS, HOSTS_FILE, HOSTS_FILE_MAX_SIZE, LOOKUP_TIMEOUT, LOG_LEVEL, STRICT);
}
