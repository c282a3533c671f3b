package dev.resolvechain.alias.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Watch responses as etcd 3.4's gateway sends them (recorded in docs/design/etcd.md). */
class EtcdPrefixTest {
    private static String b64(String text) {
        return EtcdJson.bytes(text);
    }

    @Test
    void eachKeysLastEventInOneResponseIsWhatCounts() throws EtcdException {
        EtcdPrefix.Watched watched = EtcdPrefix.watched("{\"result\":{\"header\":{\"cluster_id\":\"1\",\"revision\":\"12\"},\"events\":["
                + "{\"type\":\"DELETE\",\"kv\":{\"key\":\"" + b64("/rc/a") + "\",\"mod_revision\":\"9\"}},"
                + "{\"kv\":{\"key\":\"" + b64("/rc/a") + "\",\"mod_revision\":\"10\",\"value\":\"" + b64("192.0.2.1 a\n") + "\"}},"
                + "{\"kv\":{\"key\":\"" + b64("/rc/b") + "\",\"mod_revision\":\"10\",\"value\":\"" + b64("192.0.2.2 b\n") + "\"}},"
                + "{\"type\":\"DELETE\",\"kv\":{\"key\":\"" + b64("/rc/b") + "\",\"mod_revision\":\"11\"}}]}}");

        assertEquals(List.of(new EtcdOwners.Kv("/rc/a", "192.0.2.1 a\n", 10)), watched.puts(), "deleted, then registered again");
        assertEquals(List.of("/rc/b"), watched.deletes(), "registered, then deleted");
        assertEquals(11, watched.lastEventRevision());
        assertEquals(12, watched.headerRevision());
        assertEquals("1", watched.clusterId());
    }

    @Test
    void createdProgressCompactedAndCancelled() throws EtcdException {
        EtcdPrefix.Watched created = EtcdPrefix.watched("{\"result\":{\"header\":{\"revision\":\"20\"},\"created\":true}}");
        assertTrue(created.created());
        assertTrue(!created.progressOnly(), "a created response's revision is etcd's now, not what the watch has caught up to");

        assertTrue(EtcdPrefix.watched("{\"result\":{\"header\":{\"revision\":\"21\"}}}").progressOnly());

        EtcdPrefix.Watched compacted = EtcdPrefix.watched("{\"result\":{\"header\":{},\"canceled\":true,\"compact_revision\":\"5\"}}");
        assertEquals(5, compacted.compactRevision());
        assertNull(compacted.cancelReason());

        EtcdPrefix.Watched cancelled = EtcdPrefix.watched("{\"result\":{\"watch_id\":\"-1\",\"created\":true,\"canceled\":true,"
                + "\"cancel_reason\":\"rpc error: code = InvalidArgument desc = etcdserver: user name is empty\"}}");
        assertTrue(cancelled.cancelReason().contains("user name is empty"));
    }

    @Test
    void anErrorLineEndsTheWatchWithItsCode() {
        EtcdException e = assertThrows(EtcdException.class, () -> EtcdPrefix.watched(
                "{\"error\":{\"grpc_code\":14,\"http_code\":503,\"message\":\"etcdserver: no leader\",\"http_status\":\"Service Unavailable\"}}"));
        assertEquals(14, e.code());
        assertTrue(e.getMessage().contains("no leader"));
    }

    @Test
    void theWatchAsksForEveryKeyOfThePrefixFromTheNextRevision() {
        Map<String, Object> request = EtcdPrefix.watchRequest(EtcdLocation.parse("etcd://127.0.0.1:2379/rc"), 8);
        assertEquals("{\"create_request\":{\"key\":\"" + b64("/rc/") + "\",\"range_end\":\"" + b64("/rc0") + "\",\"start_revision\":\"8\","
                + "\"progress_notify\":true}}", dev.resolvechain.observe.Json.write(request));
    }
}
