package dev.resolvechain.alias.etcd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls that read an alias prefix: a whole load at one revision, {@link #PAGE} keys a call, and
 * the watch that follows it from the next revision; and what their answers say.
 */
final class EtcdPrefix {
    /** Keys per range call: 1,000 registrations are about 400 KB of JSON. */
    static final int PAGE = 1000;

    private EtcdPrefix() {
    }

    /** Every key of the prefix at {@code revision}, the cluster that holds them. */
    record Load(List<EtcdOwners.Kv> kvs, long revision, String clusterId) {
    }

    /**
     * One watch response: the keys put and deleted (each key's last event only), the revision of its last event (0: none), the
     * revision etcd was at, and whether the watch ended (compacted past, or cancelled).
     */
    record Watched(List<EtcdOwners.Kv> puts, List<String> deletes, long lastEventRevision, long headerRevision, String clusterId,
                   boolean created, long compactRevision, String cancelReason) {
        boolean progressOnly() {
            return !created && puts.isEmpty() && deletes.isEmpty() && compactRevision == 0 && cancelReason == null;
        }
    }

    static Load load(EtcdGateway gateway, EtcdLocation location) throws EtcdException {
        List<EtcdOwners.Kv> kvs = new ArrayList<>();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("key", EtcdJson.bytes(location.keyPrefix()));
        request.put("range_end", EtcdJson.bytes(location.rangeEnd()));
        request.put("limit", String.valueOf(PAGE));
        long revision = 0;
        String clusterId = null;
        while (true) {
            Map<String, Object> page = gateway.call("kv/range", request);
            Map<String, Object> header = EtcdJson.child(page, "header");
            if (revision == 0) {
                revision = EtcdJson.number(header, "revision");
                clusterId = String.valueOf(header.get("cluster_id"));
                request.put("revision", String.valueOf(revision)); // every page from the first one's snapshot
            }
            List<Map<String, Object>> found = EtcdJson.children(page, "kvs");
            for (Map<String, Object> kv : found) {
                kvs.add(kv(kv));
            }
            if (!EtcdJson.flag(page, "more") || found.isEmpty()) {
                return new Load(kvs, revision, clusterId);
            }
            request.put("key", after(String.valueOf(found.get(found.size() - 1).get("key"))));
        }
    }

    /** The smallest key after {@code base64Key}: its bytes and a zero byte. */
    private static String after(String base64Key) {
        byte[] key = Base64.getDecoder().decode(base64Key);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(key, key.length + 1));
    }

    /** The watch of every key of the prefix from {@code fromRevision} on. */
    static Map<String, Object> watchRequest(EtcdLocation location, long fromRevision) {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("key", EtcdJson.bytes(location.keyPrefix()));
        create.put("range_end", EtcdJson.bytes(location.rangeEnd()));
        create.put("start_revision", String.valueOf(fromRevision));
        create.put("progress_notify", Boolean.TRUE);
        return Map.of("create_request", create);
    }

    /** One line of a watch stream. */
    static Watched watched(String line) throws EtcdException {
        Map<String, Object> message = EtcdJson.object(line);
        if (message.get("error") instanceof Map) {
            Map<String, Object> error = EtcdJson.child(message, "error");
            throw new EtcdException("the watch ended: " + EtcdException.excerpt(String.valueOf(error.get("message"))),
                    (int) EtcdJson.number(error, "grpc_code"));
        }
        Map<String, Object> result = EtcdJson.child(message, "result");
        Map<String, Object> header = EtcdJson.child(result, "header");
        Map<String, EtcdOwners.Kv> lastEvent = new LinkedHashMap<>(); // per key, its last event (null: deleted)
        long last = 0;
        for (Map<String, Object> event : EtcdJson.children(result, "events")) {
            Map<String, Object> kv = EtcdJson.child(event, "kv");
            last = Math.max(last, EtcdJson.number(kv, "mod_revision"));
            String key = EtcdJson.text(kv, "key");
            lastEvent.remove(key);
            lastEvent.put(key, "DELETE".equals(event.get("type")) ? null : kv(kv));
        }
        List<EtcdOwners.Kv> puts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (Map.Entry<String, EtcdOwners.Kv> event : lastEvent.entrySet()) {
            if (event.getValue() == null) {
                deletes.add(event.getKey());
            } else {
                puts.add(event.getValue());
            }
        }
        boolean canceled = EtcdJson.flag(result, "canceled");
        long compacted = EtcdJson.number(result, "compact_revision");
        String reason = canceled && compacted == 0 ? String.valueOf(result.getOrDefault("cancel_reason", "no reason given")) : null;
        return new Watched(puts, deletes, last, EtcdJson.number(header, "revision"), (String) header.get("cluster_id"),
                EtcdJson.flag(result, "created"), compacted, reason);
    }

    private static EtcdOwners.Kv kv(Map<String, Object> kv) throws EtcdException {
        return new EtcdOwners.Kv(EtcdJson.text(kv, "key"), EtcdJson.text(kv, "value"), EtcdJson.number(kv, "mod_revision"));
    }
}
