package dev.resolvechain.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The cache's serve-stale window (used by the local tier). */
class DnsCacheStaleTest {
    private static final Endpoint SERVER = Endpoint.parse("127.0.0.1:5353");
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private DnsCache cache(Duration staleWindow, int size) {
        return new DnsCache(Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(5), size, staleWindow, now::get);
    }

    private static DnsAnswer data(long ttl) throws Exception {
        return new DnsAnswer(DnsAnswer.Status.DATA, List.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1})), null, ttl, SERVER, 50, false, null);
    }

    private static DnsAnswer nxdomain() {
        return new DnsAnswer(DnsAnswer.Status.NXDOMAIN, List.of(), null, 30, SERVER, 50, false, null);
    }

    @Test
    void dataIsKeptPastItsTtlForTheWindowOnlyAsStale() throws Exception {
        DnsCache cache = cache(Duration.ofSeconds(60), 100);
        cache.put("web.vip", Type.A, data(10));
        now.addAndGet(2 * SECOND);
        assertEquals(8, cache.stale("web.vip", Type.A).ttl(), "within its TTL: the seconds left");

        now.addAndGet(23 * SECOND);

        assertNull(cache.get("web.vip", Type.A), "past its TTL it is no ordinary hit");
        DnsAnswer stale = cache.stale("web.vip", Type.A);
        assertTrue(stale.stale());
        assertEquals(-15, stale.ttl(), "15 s past its TTL");
        now.addAndGet(45 * SECOND);
        assertNull(cache.stale("web.vip", Type.A), "the window is over");
    }

    @Test
    void aNegativeAnswerDoesNotDropTheLastData() throws Exception {
        DnsCache cache = cache(Duration.ofSeconds(60), 100);
        cache.put("web.vip", Type.A, data(10));
        now.addAndGet(12 * SECOND);

        cache.put("web.vip", Type.A, nxdomain());

        assertEquals(DnsAnswer.Status.NXDOMAIN, cache.get("web.vip", Type.A).status(), "the answer in force");
        assertEquals(-2, cache.stale("web.vip", Type.A).ttl(), "the last data, kept");
        cache.put("web.vip", Type.A, data(10));
        assertEquals(10, cache.stale("web.vip", Type.A).ttl(), "new data replaces it");
    }

    /** dnsmasq answers its own names with TTL 0 by default: no cache hit, but the last good answer all the same. */
    @Test
    void anAnswerWithTtlZeroIsNoHitButIsKeptAsTheLastGoodOne() throws Exception {
        DnsCache cache = cache(Duration.ofSeconds(60), 100);
        cache.put("web.vip", Type.A, data(0));

        assertNull(cache.get("web.vip", Type.A), "TTL 0: not to be reused while the server answers");
        now.addAndGet(2 * SECOND);
        DnsAnswer stale = cache.stale("web.vip", Type.A);
        assertTrue(stale != null && stale.stale(), "kept for the stale window: " + stale);
        assertEquals(-2, stale.ttl(), "2 s past its TTL");
        now.addAndGet(60 * SECOND);
        assertNull(cache.stale("web.vip", Type.A), "the window is over");
        assertNull(cache(Duration.ZERO, 100).stale("web.vip", Type.A));
        DnsCache noWindow = cache(Duration.ZERO, 100);
        noWindow.put("web.vip", Type.A, data(0));
        assertEquals(0, noWindow.size(), "without a window, a TTL-0 answer is not kept at all");
    }

    @Test
    void withoutAWindowNothingIsKeptPastItsTtl() throws Exception {
        DnsCache cache = cache(Duration.ZERO, 100);
        cache.put("web.vip", Type.A, data(10));
        assertNull(cache.stale("web.vip", Type.A));
        assertNull(new DnsCache().stale("web.vip", Type.A));
    }
}
