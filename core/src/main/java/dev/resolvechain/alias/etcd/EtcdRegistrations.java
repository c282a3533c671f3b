package dev.resolvechain.alias.etcd;

import dev.resolvechain.alias.OwnerRegistrations;
import dev.resolvechain.alias.RegistrationRules;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owners' side of an etcd alias source: a registration is the owner's key under a lease, so that
 * it ends by itself when its owner stops renewing it (a crashed container's aliases expire; the seed's
 * stale alias cannot happen). {@code heartbeat} renews the lease; {@code unregister} deletes the key
 * and revokes its lease.
 */
public final class EtcdRegistrations implements OwnerRegistrations {
    /** The lease of a registration kept alive by a running {@code register}: renewed every third of it. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);
    /** etcd's own bound (its MaxLeaseTTL is higher; a year is what a registration can mean). */
    public static final Duration MAX_TTL = Duration.ofDays(366);

    private final EtcdGateway gateway;

    /** A registration in force: its key and lease. */
    public record Registered(String key, long lease, long ttlSeconds) {
    }

    public EtcdRegistrations(EtcdGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Puts {@code owner}'s registration (each address with every name) under a new lease of {@code ttl}.
     *
     * @throws IllegalArgumentException naming what cannot be registered
     */
    public Registered register(String owner, String scope, List<String> addresses, List<String> names, Duration ttl) throws EtcdException {
        String text = RegistrationRules.text(addresses, names);
        String key = keyOf(owner, scope);
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a registration's TTL is from 1s to " + MAX_TTL.toHours() + "h, not " + ttl.toMillis() + " ms");
        }
        Map<String, Object> granted = gateway.call("lease/grant", Map.of("TTL", String.valueOf(ttl.toSeconds())));
        long lease = EtcdJson.number(granted, "ID");
        Map<String, Object> put = new LinkedHashMap<>();
        put.put("key", EtcdJson.bytes(key));
        put.put("value", EtcdJson.bytes(text));
        put.put("lease", Long.toUnsignedString(lease));
        try {
            gateway.call("kv/put", put);
        } catch (EtcdException e) {
            revokeQuietly(lease);
            throw e;
        }
        return new Registered(key, lease, EtcdJson.number(granted, "TTL"));
    }

    /** Renews {@code lease} once; the seconds it now has, 0 when it expired or was revoked. */
    public long keepAlive(long lease) throws EtcdException {
        Map<String, Object> renewed = gateway.call("lease/keepalive", Map.of("ID", Long.toUnsignedString(lease)));
        return Math.max(0, EtcdJson.number(EtcdJson.child(renewed, "result"), "TTL"));
    }

    /** Renews the lease of {@code owner}'s registration (none: never registered, or expired). */
    @Override
    public boolean heartbeat(String owner, String scope) throws EtcdException {
        Map<String, Object> kv = current(owner, scope);
        if (kv == null) {
            return false;
        }
        long lease = EtcdJson.number(kv, "lease");
        return lease == 0 || keepAlive(lease) > 0; // a key without a lease never expires: it is alive
    }

    /** Deletes {@code owner}'s key and revokes its lease. */
    @Override
    public boolean unregister(String owner, String scope) throws EtcdException {
        Map<String, Object> delete = new LinkedHashMap<>();
        delete.put("key", EtcdJson.bytes(keyOf(owner, scope)));
        delete.put("prev_kv", Boolean.TRUE);
        List<Map<String, Object>> deleted = EtcdJson.children(gateway.call("kv/deleterange", delete), "prev_kvs");
        for (Map<String, Object> kv : deleted) {
            long lease = EtcdJson.number(kv, "lease");
            if (lease != 0) {
                revokeQuietly(lease);
            }
        }
        return !deleted.isEmpty();
    }

    /** Revokes {@code lease}, deleting its keys; a lease already gone is no error. */
    public void revokeQuietly(long lease) {
        try {
            gateway.call("lease/revoke", Map.of("ID", Long.toUnsignedString(lease)));
        } catch (EtcdException e) {
            // expired or revoked meanwhile: its keys are gone either way; or etcd is away, and the lease ends by itself
        }
    }

    private Map<String, Object> current(String owner, String scope) throws EtcdException {
        List<Map<String, Object>> kvs = EtcdJson.children(gateway.call("kv/range", Map.of("key", EtcdJson.bytes(keyOf(owner, scope)))), "kvs");
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    /** {@code PREFIX/OWNER} or {@code PREFIX/SCOPE/OWNER}. */
    public String keyOf(String owner, String scope) {
        check(owner, "an owner name");
        if (scope != null) {
            check(scope, "a scope name");
        }
        return gateway.location().keyPrefix() + (scope == null ? "" : scope.toLowerCase(java.util.Locale.ROOT) + "/") + owner;
    }

    private static void check(String name, String what) {
        boolean control = false;
        for (int i = 0; i < name.length(); i++) {
            control |= Character.isISOControl(name.charAt(i));
        }
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || control) {
            throw new IllegalArgumentException("'" + name + "' cannot be " + what + " (no '/', leading '.' or control characters)");
        }
    }
}
