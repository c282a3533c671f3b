package dev.resolvechain.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DnsCacheTest {
    private static final Endpoint SERVER = Endpoint.parse("127.0.0.1:5353");
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private DnsCache cache(Duration min, Duration max, Duration maxNegative, int size) {
        return new DnsCache(min, max, maxNegative, size, Duration.ZERO, now::get);
    }

    private static DnsAnswer data(long ttl) throws Exception {
        return new DnsAnswer(DnsAnswer.Status.DATA, List.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1})), null, ttl, SERVER, 50, false, null);
    }

    private static DnsAnswer negative(DnsAnswer.Status status, long ttl) {
        return new DnsAnswer(status, List.of(), null, ttl, SERVER, 50, false, null);
    }

    @Test
    void keepsAnAnswerForItsTtlAndTellsTheSecondsLeft() throws Exception {
        DnsCache cache = cache(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(5), 100);
        cache.put("web.corp", Type.A, data(60));
        now.addAndGet(18 * SECOND);
        DnsAnswer hit = cache.get("web.corp", Type.A);
        assertNotNull(hit);
        assertTrue(hit.cached());
        assertEquals(42, hit.ttl());
        assertEquals(SERVER, hit.server());
        assertNull(cache.get("web.corp", Type.AAAA), "the key is (name, type)");
        now.addAndGet(42 * SECOND);
        assertNull(cache.get("web.corp", Type.A));
    }

    @Test
    void clampsPositiveTtls() throws Exception {
        DnsCache cache = cache(Duration.ofSeconds(10), Duration.ofSeconds(100), Duration.ofMinutes(5), 100);
        assertEquals(10, cache.ttlOf(data(0)));
        assertEquals(100, cache.ttlOf(data(86_400)));
        assertEquals(0, new DnsCache().ttlOf(data(0)));
    }

    @Test
    void zeroTtlAnswersAndFailuresAreNotKept() throws Exception {
        DnsCache cache = new DnsCache();
        cache.put("zero.corp", Type.A, data(0));
        cache.put("down.corp", Type.A, DnsAnswer.failed("127.0.0.1 timed out"));
        assertEquals(0, cache.size());
    }

    @Test
    void negativeAnswersLiveForTheSoaTtlCappedOrAShortDefaultWithoutSoa() {
        DnsCache cache = cache(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(5), 100);
        assertEquals(30, cache.ttlOf(negative(DnsAnswer.Status.NXDOMAIN, 30)));
        assertEquals(300, cache.ttlOf(negative(DnsAnswer.Status.NODATA, 86_400)));
        assertEquals(DnsCache.NEGATIVE_TTL_WITHOUT_SOA.toSeconds(), cache.ttlOf(negative(DnsAnswer.Status.NXDOMAIN, DnsAnswer.NO_SOA)));
    }

    @Test
    void aFullCacheDropsExpiredEntriesThenThoseClosestToExpiry() throws Exception {
        DnsCache cache = cache(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(5), 10);
        cache.put("short.corp", Type.A, data(1));
        for (int i = 0; i < 9; i++) {
            cache.put("long" + i + ".corp", Type.A, data(1000 + i));
        }
        now.addAndGet(2 * SECOND);
        cache.put("new.corp", Type.A, data(500));

        assertEquals(9, cache.size(), "shrunk a tenth below the bound");
        assertNull(cache.get("short.corp", Type.A), "expired");
        assertNull(cache.get("new.corp", Type.A), "closest to expiry of the live ones");
        assertNotNull(cache.get("long0.corp", Type.A));
        assertNotNull(cache.get("long8.corp", Type.A));
    }
}
