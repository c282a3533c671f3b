package dev.resolvechain.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EtcdTest {

    @BeforeEach
    void requireEtcd() {
        Etcd.requireInstalled();
    }

    @Test
    void putsGetsAndDeletes() {
        try (Etcd etcd = Etcd.single().start()) {
            long first = etcd.put("/rc/aliases/web-1", "10.0.0.1 web\n");
            long second = etcd.put("/rc/aliases/db-1", "");

            assertEquals(first + 1, second);
            assertEquals(second, etcd.revision());
            assertEquals("10.0.0.1 web\n", etcd.get("/rc/aliases/web-1"));
            assertEquals("", etcd.get("/rc/aliases/db-1"));
            assertTrue(etcd.delete("/rc/aliases/web-1"));
            assertNull(etcd.get("/rc/aliases/web-1"));
            assertFalse(etcd.delete("/rc/aliases/web-1"));
            assertEquals("etcd://" + etcd.member(0).endpoint() + "/rc/aliases", etcd.location("/rc/aliases"));
        }
    }

    @Test
    void aLeasedKeyGoesWhenItsLeaseExpiresOrIsRevoked() {
        try (Etcd etcd = Etcd.single().start()) {
            long expiring = etcd.grantLease(1);
            long revoked = etcd.grantLease(60);
            etcd.put("/rc/aliases/expiring", "x", expiring);
            etcd.put("/rc/aliases/revoked", "y", revoked);

            etcd.revokeLease(revoked);
            assertNull(etcd.get("/rc/aliases/revoked"));
            assertEquals("x", etcd.get("/rc/aliases/expiring"));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (etcd.get("/rc/aliases/expiring") != null) {
                assertTrue(System.nanoTime() < deadline, "the key of a lease of 1 s is still there after 5 s");
                EtcdMember.pause(Duration.ofMillis(50));
            }
        }
    }

    @Test
    void compactionMakesOldRevisionsUnreadable() {
        try (Etcd etcd = Etcd.single().start()) {
            long old = etcd.put("/rc/aliases/web-1", "v1");
            etcd.put("/rc/aliases/web-1", "v2");
            assertEquals("v1", etcd.get("/rc/aliases/web-1", old));

            etcd.compact(etcd.revision());

            IllegalStateException compacted = assertThrows(IllegalStateException.class, () -> etcd.get("/rc/aliases/web-1", old));
            assertTrue(compacted.getMessage().contains("required revision has been compacted"), compacted.getMessage());
            assertEquals("v2", etcd.get("/rc/aliases/web-1"));
        }
    }

    @Test
    void metricsCountTheRequestsOfEachMethod() {
        try (Etcd etcd = Etcd.single().start()) {
            long ranges = etcd.handledRequests("Range");
            long all = etcd.handledRequests(null);

            etcd.get("a");
            etcd.get("b");
            etcd.put("c", "d");

            assertEquals(ranges + 2, etcd.handledRequests("Range"));
            assertEquals(all + 3, etcd.handledRequests(null));
            assertTrue(etcd.member(0).metrics().contains("etcd_server_has_leader 1"));
        }
    }

    @Test
    void aStoppedMemberRestartsWithItsData() {
        try (Etcd etcd = Etcd.single().start()) {
            etcd.put("k", "v");
            EtcdMember member = etcd.member(0);

            member.stop();
            assertFalse(member.isRunning());
            IllegalStateException down = assertThrows(IllegalStateException.class, () -> etcd.get("k"));
            assertTrue(down.getMessage().contains("no running member"), down.getMessage());

            member.restart();
            assertTrue(member.isRunning());
            assertEquals("v", etcd.get("k"));
        }
    }

    @Test
    void watchesAskingForProgressGetItAtTheConfiguredInterval() throws IOException {
        try (Etcd etcd = Etcd.single().progressNotify(Duration.ofMillis(200)).start()) {
            HttpURLConnection watch = (HttpURLConnection) URI.create("http://" + etcd.member(0).endpoint() + "/v3/watch").toURL()
                    .openConnection(Proxy.NO_PROXY);
            watch.setReadTimeout(3000);
            watch.setRequestMethod("POST");
            watch.setDoOutput(true);
            try (OutputStream out = watch.getOutputStream()) {
                out.write("{\"create_request\":{\"key\":\"Zm9v\",\"progress_notify\":true}}".getBytes(StandardCharsets.UTF_8));
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                assertTrue(lines.readLine().contains("\"created\":true"));
                String progress = lines.readLine();
                assertTrue(progress.contains("\"header\"") && !progress.contains("events"), progress);
            } finally {
                watch.disconnect();
            }
        }
    }
}
