package dev.resolvechain.local;

import static dev.resolvechain.local.LocalFixture.lookup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.hosts.HostsTier;
import dev.resolvechain.local.LocalFixture.Timed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** local.awaitReady: the client starting after the application. */
class LocalAwaitReadyTest {
    /** When the stand-in client starts, after the tier was built. */
    private static final long CLIENT_STARTS_AFTER_MILLIS = 1000;
    private static final Duration SHORT_LOOKUP_TIMEOUT = Duration.ofMillis(400);

    private final LocalFixture fixture = new LocalFixture();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        threads.shutdownNow();
        fixture.close();
    }

    /**
     * On threads of their own: the common pool has a single thread on a 2-core machine, so a lookup
     * waiting there would hold up the very restart it waits for.
     */
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "await-ready-test");
        thread.setDaemon(true);
        return thread;
    });

    private void startClientLater() {
        CompletableFuture.runAsync(fixture.server::restart,
                CompletableFuture.delayedExecutor(CLIENT_STARTS_AFTER_MILLIS, TimeUnit.MILLISECONDS, threads));
    }

    private ResolveChain chain(LocalTier tier, String hostsFile) throws Exception {
        return new ResolveChain(List.of(tier, HostsTier.load(Files.writeString(dir.resolve("hosts"), hostsFile))), SHORT_LOOKUP_TIMEOUT);
    }

    @Test
    void aLookupThatNeedsTheClientWaitsForItEvenPastLookupTimeoutAndOthersDoNotWait() throws Exception {
        fixture.server.a("svc.vip", 30, "10.1.0.1");
        fixture.server.stop();
        ResolveChain chain = chain(fixture.tier(fixture.options("vip").withAwaitReady(Duration.ofSeconds(10))), "10.2.0.1 web.example\n");
        startClientLater();

        CompletableFuture<Resolution> waiting = CompletableFuture.supplyAsync(() -> chain.lookup("svc.vip", AddressPolicy.IPV4_ONLY), threads);
        Thread.sleep(100);
        long start = System.nanoTime();
        Resolution other = chain.lookup("web.example", AddressPolicy.IPV4_ONLY);
        long otherMillis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(waiting.isDone(), "the lookup of svc.vip is still waiting for the client");
        Resolution waited = waiting.get(8, TimeUnit.SECONDS);

        assertEquals("hosts", other.answeredBy());
        assertTrue(otherMillis < CLIENT_STARTS_AFTER_MILLIS / 2, "a name outside local.domains does not wait: " + otherMillis + " ms");
        assertEquals("local", waited.answeredBy(), waited.steps().toString());
        assertEquals(List.of(IpLiteral.parse("10.1.0.1")), waited.addresses());
        assertTrue(waited.micros() / 1000 > SHORT_LOOKUP_TIMEOUT.toMillis(), "waited past lookupTimeout: " + waited.micros() + " µs");
        String detail = waited.steps().get(0).detail();
        assertTrue(detail.matches("waited \\d+\\.\\d s for the local client \\(local\\.awaitReady\\); A for svc\\.vip from .*"), detail);
    }

    @Test
    void withStarEveryNameWaitsAndTheTiersAfterKeepTheirTime() throws Exception {
        fixture.server.stop(); // it will know no name: NXDOMAIN, and the hosts file answers
        ResolveChain chain = chain(fixture.tier(fixture.options("*").withAwaitReady(Duration.ofSeconds(10))), "10.2.0.1 web.example\n");
        startClientLater();

        Resolution resolution = chain.lookup("web.example", AddressPolicy.IPV4_ONLY);

        assertEquals("hosts", resolution.answeredBy(), resolution.steps().toString());
        assertTrue(resolution.micros() / 1000 >= CLIENT_STARTS_AFTER_MILLIS / 2, "it waited for the client: " + resolution.micros() + " µs");
        assertTrue(resolution.steps().get(0).detail().startsWith("waited "), resolution.steps().get(0).detail());
        assertTrue(resolution.steps().get(0).detail().contains("says NXDOMAIN for web.example"), resolution.steps().get(0).detail());
    }

    @Test
    void whenTheWindowEndsWithoutTheClientTheLookupGoesOnAndLaterOnesDoNotWait() {
        fixture.server.stop();
        LocalTier tier = fixture.tier(fixture.options("vip").withOnDown(OnDown.FAIL).withAwaitReady(Duration.ofMillis(800)));

        Timed first = lookup(tier, "svc.vip");
        Timed later = lookup(tier, "svc.vip");

        assertEquals(Outcome.FAIL, first.verdict().outcome());
        assertTrue(first.millis() >= 500, "waited until the window ended: " + first.millis() + " ms");
        assertTrue(first.detail().startsWith("waited "), first.detail());
        assertTrue(first.detail().contains("(local.awaitReady=800ms, over without an answer); local client "), first.detail());
        assertTrue(first.detail().contains(" is down since "), first.detail());
        assertTrue(later.millis() < LocalFixture.TIMEOUT.toMillis() / 2, "window over: no wait: " + later.millis() + " ms");
        assertTrue(later.detail().startsWith("local client " + fixture.server.endpoint() + " is down since "), later.detail());
    }

    @Test
    void buildingTheChainNeitherWaitsNorStartsAThread() throws Exception {
        fixture.server.stop();
        long start = System.nanoTime();
        try (ResolveChain chain = ChainFactory.create(ConfigLoader.load("local=" + fixture.server.endpoint()
                + ";local.domains=vip;local.awaitReady=30s;hostsFile=" + Files.writeString(dir.resolve("hosts"), "")
                + ";resolvConf=" + Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1:1\n"), Map.of(), Map.of()), Map.of())) {
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "built at once");
            assertEquals(0, LocalFixture.probeThreads(), "no probe before any lookup needed the client");
            LocalTier tier = (LocalTier) chain.tiers().get(0);
            assertEquals("not asked yet", tier.settings().get("localHealth"));
        }
    }
}
