package dev.resolvechain.dns;

import static dev.resolvechain.dns.DnsTierTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Verdict;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.Question;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers that misbehave: no lookup ends later than its deadline, and a good server after a bad one answers. */
class DnsTierFaultTest extends TwoServers {
    /** How late past its deadline a lookup may end on a loaded machine: scheduling, not waiting. */
    private static final long SLACK_MILLIS = 700;

    @TempDir
    Path dir;

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private ResolveChain chain(String settings) throws Exception {
        Files.writeString(dir.resolve("hosts"), "");
        Files.writeString(dir.resolve("resolv.conf"), "search corp example\noptions timeout:30 attempts:5\n");
        return ChainFactory.create(ConfigLoader.load("hostsFile=" + dir.resolve("hosts") + ";resolvConf=" + dir.resolve("resolv.conf")
                + ";" + settings, Map.of(), Map.of()), Map.of());
    }

    @Test
    void aBlackHoleEndsTheLookupAtLookupTimeoutNeverLater() throws Exception {
        server.fault(Fault.drop());
        other.fault(Fault.drop());
        try (ResolveChain chain = chain("lookupTimeout=600ms;nameservers=" + server.endpoint() + "," + other.endpoint())) {
            long start = System.nanoTime();

            Resolution resolution = chain.lookup("web", AddressPolicy.IPV4_FIRST);

            long millis = millisSince(start);
            assertFalse(resolution.resolved());
            assertTrue(millis >= 550 && millis < 600 + SLACK_MILLIS, "ended after " + millis + " ms; lookupTimeout is 600 ms");
            assertTrue(resolution.failureReason().startsWith("dns: no answer for web.corp: "), resolution.failureReason());
            assertTrue(resolution.failureReason().contains(server.endpoint() + " timed out after"), resolution.failureReason());
            assertTrue(resolution.failureReason().contains("lookup deadline reached"), resolution.failureReason());
        }
    }

    @Test
    void manyConcurrentLookupsIntoABlackHoleEachEndAtTheirDeadline() throws Exception {
        server.fault(Fault.drop());
        DnsTier tier = tier("options timeout:30\n", server);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Long>> lookups = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String name = i % 2 == 0 ? "same.corp" : "other-" + i + ".corp";
                lookups.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    Verdict verdict = tier.resolve(Query.forward(name, AddressPolicy.IPV4_FIRST, Deadline.after(Duration.ofMillis(400))));
                    assertEquals(Outcome.FAIL, verdict.outcome());
                    return millisSince(start);
                }));
            }
            for (Future<Long> lookup : lookups) {
                long millis = lookup.get();
                assertTrue(millis < 400 + SLACK_MILLIS, "ended after " + millis + " ms; its deadline was 400 ms");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTryCutShortByTheDeadlineSendsNoLastQueryInItsFinalMillisecond() throws Exception {
        server.fault(Fault.drop());
        int sent = 0;
        for (int i = 0; i < 5; i++) {
            server.clearQueries();
            tier("options timeout:30 attempts:5\n", server)
                    .resolve(Query.forward("web.corp.", AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofMillis(120))));
            Thread.sleep(20); // a late query would arrive now
            // none when a loaded machine spent the 120 ms before the first try
            assertTrue(server.queryCount() <= 1, "the socket's timeout is in whole ms: the try waits out the rest, and no new try starts");
            sent += server.queryCount();
        }
        assertTrue(sent > 0, "no lookup of 5 sent its query");
    }

    @Test
    void aBlackHoleFirstIsGivenItsRetryIntervalThenTheNextServerAnswers() {
        server.fault(Fault.drop());
        other.a("web.corp", 60, "10.0.0.1");
        long start = System.nanoTime();

        Verdict verdict = tier("options timeout:5 attempts:2\n", server, other).resolve(DnsTierTest.forward("web.corp", AddressPolicy.IPV4_ONLY));

        long millis = millisSince(start);
        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertTrue(millis >= 250, "a server not heard from yet is given 250 ms before the next is asked: " + millis + " ms");
        assertEquals(1, server.queryCount(), "asked once: the next server answered within its retry interval");
    }

    @Test
    void aServerLaterThanItsRetryIntervalIsOvertakenByTheNextAndStillListenedTo() {
        server.a("web.corp", 60, "10.0.0.1").fault(Fault.delay(Duration.ofMillis(400)));
        other.a("web.corp", 60, "10.9.9.9").fault(Fault.delay(Duration.ofMillis(400)));

        Verdict verdict = tier("options timeout:2\n", server, other).resolve(DnsTierTest.forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses(), "the first server's answer, which came first, though late");
        assertEquals(1, other.queryCount(), "the next server was asked once the first was late by its retry interval (250 ms)");
    }

    @Test
    void theOnlyServerIsWaitedForWithinItsTryTimeout() {
        server.a("web.corp", 60, "10.0.0.1").fault(Fault.delay(Duration.ofMillis(600)));

        Verdict verdict = tier("options timeout:2\n", server).resolve(DnsTierTest.forward("web.corp", AddressPolicy.IPV4_FIRST));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertTrue(verdict.detail().contains("from " + server.endpoint()), verdict.detail());
    }

    @Test
    void aServerSlowerThanTheTimeoutIsPassedAndItsLateAnswerIgnored() {
        server.a("web.corp", 60, "10.9.9.9").fault(Fault.delay(Duration.ofMillis(1500)));
        other.a("web.corp", 60, "10.0.0.1");

        Verdict verdict = tier("options timeout:1 attempts:1\n", server, other).resolve(DnsTierTest.forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertTrue(verdict.detail().contains("from " + other.endpoint()), verdict.detail());
    }

    @Test
    void servfailThenAGoodServerAnswersAndTheSearchListGoesOn() {
        server.fault(Fault.servfail());
        other.a("web.example", 60, "10.0.0.2").soa("corp", 60);

        Verdict verdict = tier("search corp example\n", server, other).resolve(DnsTierTest.forward("web", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.2")), verdict.addresses());
        assertEquals(List.of("web.corp", "web.example"), other.queries().stream().map(Question::name).toList());
    }

    @Test
    void aTruncatedAnswerWhoseTcpRetryFailsMovesToTheNextServer() {
        server.a("web.corp", 60, "10.9.9.9").fault(Fault.drop()).faultFirst(1, Fault.truncate()); // UDP truncated, then TCP dropped
        other.a("web.corp", 60, "10.0.0.1");

        Verdict verdict = tier("options timeout:1\n", server, other).resolve(DnsTierTest.forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertEquals(List.of("udp", "tcp"), server.queries().stream().map(Question::transport).toList());
    }

    @Test
    void aWrongIdThenTheRightAnswerOnTheSameSocketIsTaken() {
        server.a("web.corp", 60, "10.0.0.1").faultFirst(1, Fault.wrongId());
        other.fault(Fault.drop());

        Verdict verdict = tier("options timeout:1 attempts:2\n", server, other).resolve(DnsTierTest.forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
    }

    @Test
    void garbageFromOneServerThenAGoodOne() {
        server.fault(Fault.garbage());
        other.a("web.corp", 60, "10.0.0.1");

        Verdict verdict = tier("options timeout:1 attempts:1\n", server, other).resolve(DnsTierTest.forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
    }

    @Test
    void theDeadlineSpansTheWholeSearchList() {
        server.fault(Fault.delay(Duration.ofMillis(250))).soa("corp", 60).soa("example", 60);
        long start = System.nanoTime();

        Verdict verdict = tier("search corp example one two three\noptions timeout:5\n", server)
                .resolve(Query.forward("web", AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofMillis(600))));

        long millis = millisSince(start);
        assertEquals(Outcome.FAIL, verdict.outcome());
        assertTrue(millis < 600 + SLACK_MILLIS, "six names at 250 ms each, but the deadline is 600 ms: " + millis + " ms");
    }
}
