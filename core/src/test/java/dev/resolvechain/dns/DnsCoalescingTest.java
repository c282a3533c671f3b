package dev.resolvechain.dns;

import static dev.resolvechain.dns.DnsTierTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.Question;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent lookups of one name share one query. */
class DnsCoalescingTest extends TwoServers {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private DnsTier tier() {
        return tier("options timeout:5\n");
    }

    private DnsTier tier(String resolvConf) {
        return tier(resolvConf, server);
    }

    /** {@code count} lookups of {@code name} started at once. */
    private List<Future<Verdict>> together(int count, DnsTier tier, String name, AddressPolicy policy) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Verdict>> lookups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lookups.add(pool.submit(() -> {
                start.await();
                return tier.resolve(DnsTierTest.forward(name, policy));
            }));
        }
        start.countDown();
        return lookups;
    }

    private Future<Verdict> lookup(DnsTier tier, String name, AddressPolicy policy, Duration deadline) {
        return pool.submit(() -> tier.resolve(Query.forward(name, policy, Deadline.after(deadline))));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - end < 0, "condition not met within 5 s");
            Thread.sleep(2);
        }
    }

    @Test
    void concurrentLookupsOfOneNameSendOneQueryPerType() throws Exception {
        // 150 ms: within the retry interval of a server not heard from yet, so the asking lookup sends each question once
        server.a("web.corp", 60, "10.0.0.1").aaaa("web.corp", 60, "fd00::1").fault(Fault.delay(Duration.ofMillis(150)));
        List<Future<Verdict>> lookups = together(20, tier(), "web.corp", AddressPolicy.IPV4_FIRST);

        for (Future<Verdict> lookup : lookups) {
            assertEquals(List.of(ip("10.0.0.1"), ip("fd00::1")), lookup.get().addresses());
        }
        assertEquals(2, server.queryCount(), "one A and one AAAA query for 20 lookups: " + server.queries());
    }

    @Test
    void differentTypesOrNamesAreNotShared() throws Exception {
        server.a("web.corp", 60, "10.0.0.1").a("api.corp", 60, "10.0.0.2").aaaa("web.corp", 60, "fd00::1")
                .fault(Fault.delay(Duration.ofMillis(200)));
        DnsTier tier = tier();
        Future<Verdict> both = lookup(tier, "web.corp", AddressPolicy.IPV4_FIRST, Duration.ofSeconds(5));
        Future<Verdict> v4 = lookup(tier, "web.corp", AddressPolicy.IPV4_ONLY, Duration.ofSeconds(5));
        Future<Verdict> other = lookup(tier, "api.corp", AddressPolicy.IPV4_ONLY, Duration.ofSeconds(5));

        assertEquals(2, both.get().addresses().size());
        assertEquals(List.of(ip("10.0.0.1")), v4.get().addresses());
        assertEquals(List.of(ip("10.0.0.2")), other.get().addresses());
    }

    @Test
    void aWaitingLookupEndsAtItsOwnDeadline() throws Exception {
        server.a("web.corp", 60, "10.0.0.1").fault(Fault.delay(Duration.ofMillis(1500)));
        DnsTier tier = tier();
        Future<Verdict> first = lookup(tier, "web.corp", AddressPolicy.IPV4_ONLY, Duration.ofSeconds(5));
        await(() -> server.queryCount() >= 1);
        long start = System.nanoTime();

        Verdict waiting = tier.resolve(Query.forward("web.corp", AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofMillis(200))));

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Outcome.FAIL, waiting.outcome());
        assertTrue(millis < 900, "ended after " + millis + " ms; its deadline was 200 ms");
        assertTrue(waiting.detail().contains("lookup deadline reached while waiting for the same query, asked by another lookup"),
                waiting.detail());
        assertEquals(List.of(ip("10.0.0.1")), first.get().addresses(), "the first lookup still gets its answer");
        assertOneAsker();
    }

    @Test
    void whenTheAskingLookupRanOutOfTimeAWaitingOneWithTimeLeftAsksAgain() throws Exception {
        server.a("web.corp", 60, "10.0.0.1").fault(Fault.delay(Duration.ofMillis(200)));
        DnsTier tier = tier();
        Future<Verdict> hasty = lookup(tier, "web.corp", AddressPolicy.IPV4_ONLY, Duration.ofMillis(100));
        await(() -> server.queryCount() == 1);

        Verdict patient = tier.resolve(Query.forward("web.corp", AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofSeconds(5))));

        assertEquals(Outcome.FAIL, hasty.get().outcome());
        assertEquals(List.of(ip("10.0.0.1")), patient.addresses());
        assertEquals(2, server.queryCount());
    }

    @Test
    void aSharedFailureIsSharedToo() throws Exception {
        server.fault(Fault.drop());
        List<Future<Verdict>> lookups = together(8, tier("options timeout:1 attempts:1\n"), "web.corp", AddressPolicy.IPV4_ONLY);

        for (Future<Verdict> lookup : lookups) {
            assertEquals(Outcome.FAIL, lookup.get().outcome());
        }
        assertOneAsker();
    }

    @Test
    void coalescingStartsNoThread() throws Exception {
        server.a("web.corp", 60, "10.0.0.1");
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        DnsTier tier = tier();
        for (int i = 0; i < 3; i++) {
            tier.resolve(DnsTierTest.forward("web.corp", AddressPolicy.IPV4_ONLY));
        }
        assertEquals(1, server.queryCount(), "cached after the first");
        assertTrue(Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .noneMatch(t -> t.getName().startsWith("resolvechain")), "coalescing starts no thread");
    }

    /** Every query came from one lookup: the one socket of the lookup that asked (its own, or the server's kept one). */
    private void assertOneAsker() {
        assertEquals(1, server.queries().stream().map(Question::sourcePort).distinct().count(),
                "the waiting lookups sent nothing: " + server.queries());
    }
}
