package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.agent.it.child.TimedLookups;
import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.Question;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local tier through {@code InetAddress}, under the agent, on each JDK: a {@link TestDnsServer}
 * on loopback stands for the local discovery client (a real dnsmasq in one test), another for the
 * host nameserver; the child ({@link TimedLookups}) prints how long each lookup took. Bounds on times
 * are generous: they tell "paid the timeout" from "did not", nothing finer.
 */
class LocalClientIT {
    private static final String VIP = "api.vip";
    private static final String CLIENT_ADDRESS = "10.1.0.1";
    /** What the host nameserver says for the client's names: seen only when they reach the dns tier. */
    private static final String HOST_COPY = "10.2.0.99";
    private static final String ORDINARY = "www.example.test";
    private static final String ORDINARY_ADDRESS = "10.2.0.1";
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private TestDnsServer client;
    private TestDnsServer hostDns;
    private ChainFiles files;

    @BeforeEach
    void start() {
        client = TestDnsServer.start().soa("vip", 60).a(VIP, 60, CLIENT_ADDRESS).a(ORDINARY, 60, "10.66.0.1");
        hostDns = TestDnsServer.start().a(ORDINARY, 60, ORDINARY_ADDRESS).a(VIP, 60, HOST_COPY).a("missing.vip", 60, HOST_COPY);
        files = new ChainFiles(dir);
    }

    @AfterEach
    void stop() {
        client.close();
        hostDns.close();
    }

    /**
     * Starts {@link TimedLookups} with these commands under the agent: the local client, the host
     * nameserver and the test's files, then {@code settings}.
     */
    private RunningJvm child(Jdk jdk, String local, List<String> settings, String... commands) {
        List<String> all = new ArrayList<>(List.of("local=" + local, "local.domains=vip", "nameservers=" + hostDns.endpoint(), "log.level=warn"));
        all.addAll(settings);
        return TestJvm.on(jdk, files).withAgent(all.toArray(String[]::new)).timeout(CHILD_TIMEOUT).start(TimedLookups.class, commands);
    }

    private ScriptResult run(Jdk jdk, List<String> settings, String... commands) {
        return new ScriptResult(child(jdk, client.endpoint(), settings, commands).finish()).succeeded();
    }

    /** Each run of {@code command}: how long it took, in ms. */
    private static List<Long> took(ScriptResult result, String command) {
        String prefix = command + " took ";
        return result.stdoutLines().stream().filter(line -> line.startsWith(prefix))
                .map(line -> Long.parseLong(line.substring(prefix.length(), line.length() - " ms".length()))).toList();
    }

    private static long tookOnce(ScriptResult result, String command) {
        List<Long> took = took(result, command);
        assertEquals(1, took.size(), () -> command + " ran once\n" + result.describe());
        return took.get(0);
    }

    private List<String> asked(TestDnsServer server) {
        return server.queries().stream().map(Question::name).filter(name -> !name.startsWith("resolvechain-probe.")).distinct().toList();
    }

    /** A name under local.domains is answered by the client; any other is never sent to it. */
    @OnBothJdks
    void theClientAnswersItsDomainsAndIsNeverAskedAboutOtherNames(Jdk jdk) {
        ScriptResult result = run(jdk, List.of(), "one:" + VIP, "one:" + ORDINARY, "one:API.VIP.");

        assertEquals(CLIENT_ADDRESS, result.answer("one:" + VIP), result::describe);
        assertEquals(ORDINARY_ADDRESS, result.answer("one:" + ORDINARY), "the host nameserver's, not the client's 10.66.0.1");
        assertEquals(CLIENT_ADDRESS, result.answer("one:API.VIP."), "case and a trailing dot do not matter");
        assertEquals(List.of(VIP), asked(client), "the client was asked about its domain only");
        assertEquals(List.of(ORDINARY), asked(hostDns), "the host nameserver was not asked about the client's names");
    }

    /**
     * A JVM's first query builds dnsjava's classes (over 100 ms on an idle machine, more under load):
     * that is not the client's time. With a {@code local.timeout} shorter than it, a healthy client
     * still answers the first lookup.
     */
    @OnBothJdks
    void theFirstLookupOfAJvmDoesNotChargeItsOwnStartUpToTheClient(Jdk jdk) {
        ScriptResult result = run(jdk, List.of("local.timeout=100ms", "local.onDown=fail"), "one:" + VIP, "one:" + VIP);

        assertEquals(List.of("-> " + CLIENT_ADDRESS, "-> " + CLIENT_ADDRESS), result.outcomes("one:" + VIP), result::describe);
    }

    /** The client's NXDOMAIN for a name of its domain is final: UnknownHostException naming it, not the host nameserver's answer. */
    @OnBothJdks
    void theClientsNxdomainIsFinal(Jdk jdk) {
        ScriptResult result = run(jdk, List.of(), "one:missing.vip");

        String failure = result.failure("one:missing.vip");
        assertTrue(failure.startsWith("java.net.UnknownHostException: resolvechain: missing.vip: local: local client " + client.endpoint()
                + " says NXDOMAIN for missing.vip"), failure);
        assertTrue(failure.contains("(final: vip is in local.domains)"), failure);
        assertFalse(asked(hostDns).contains("missing.vip"), "never sent to the host nameserver: " + hostDns.queries());
    }

    /**
     * A client that stops answering costs the lookups {@code local.timeout} twice; then it is down,
     * and lookups of its names fail at once ({@code local.onDown=fail}), naming it.
     */
    @OnBothJdks
    void onceTheClientIsMarkedDownItsNamesFailFast(Jdk jdk) {
        client.fault(Fault.drop());

        ScriptResult result = run(jdk, List.of("local.timeout=2s", "local.onDown=fail", "lookupTimeout=5s"),
                "one:first.vip", "one:second.vip", "one:" + VIP, "one:third.vip", "one:" + ORDINARY);

        assertTrue(tookOnce(result, "one:first.vip") >= 1800, "the first failure pays local.timeout\n" + result.describe());
        assertTrue(tookOnce(result, "one:second.vip") >= 1800, "so does the second, which marks it down\n" + result.describe());
        for (String down : List.of("one:" + VIP, "one:third.vip")) {
            String failure = result.failure(down);
            assertTrue(failure.startsWith("java.net.UnknownHostException: resolvechain: " + down.substring(4) + ": local: local client "
                    + client.endpoint() + " is down since "), failure);
            assertTrue(failure.endsWith("(local.onDown=fail: its names are not looked up elsewhere)"), failure);
            assertTrue(tookOnce(result, down) < 1000, "down: no query, no timeout (local.timeout=2s)\n" + result.describe());
        }
        assertEquals(ORDINARY_ADDRESS, result.answer("one:" + ORDINARY), "other names do not care");
        assertTrue(result.stderr().contains("resolvechain WARN: local client " + client.endpoint() + " is down (2 failures in a row"), result.stderr());
    }

    /**
     * The client is stopped while the application runs: its names go to the next tiers at once
     * ({@code fallthrough}); restarted with a new address, that address is served within a few probes.
     */
    @OnBothJdks
    void afterARestartTheClientsNamesResolveFromItAgain(Jdk jdk) throws InterruptedException {
        client.a(VIP, 0, CLIENT_ADDRESS); // not kept: while the client is down, the next tiers answer
        ScriptResult result;
        try (RunningJvm child = child(jdk, client.endpoint(), List.of("local.onDown=fallthrough", "local.staleTtl=0"),
                "one:" + VIP, "await", "one:first.vip", "one:second.vip", "one:" + VIP, "await", "until:" + VIP + "=10.1.0.2")) {
            child.awaitLine("await -> ");
            client.stop();
            child.send("go");
            child.awaitLine("await -> ");
            client.a(VIP, 60, "10.1.0.2").restart();
            child.send("go");
            result = new ScriptResult(child.finish()).succeeded();
        }

        assertEquals(List.of("-> " + CLIENT_ADDRESS, "-> " + HOST_COPY), result.outcomes("one:" + VIP),
                "the client's answer, then while it is down, the host nameserver's\n" + result.describe());
        assertTrue(took(result, "one:" + VIP).get(1) < 1000, result.describe());
        assertTrue(result.answer("until:" + VIP + "=10.1.0.2").startsWith("10.1.0.2 after "), result::describe);
        assertTrue(tookOnce(result, "until:" + VIP + "=10.1.0.2") < 3000, "probed every 200 ms: back within 3 s\n" + result.describe());
    }

    /** With {@code local.awaitReady}, a lookup made before the client is up waits for it and gets its answer. */
    @OnBothJdks
    void withAwaitReadyALookupBeforeTheClientStartsWaitsForIt(Jdk jdk) throws InterruptedException {
        client.stop();
        ScriptResult result;
        try (RunningJvm child = child(jdk, client.endpoint(), List.of("local.awaitReady=15s"), "one:" + ORDINARY, "await", "one:" + VIP)) {
            child.awaitLine("await -> ");
            child.send("go");
            Thread.sleep(1000);
            client.restart();
            result = new ScriptResult(child.finish()).succeeded();
        }

        assertEquals(CLIENT_ADDRESS, result.answer("one:" + VIP), result::describe);
        long waited = tookOnce(result, "one:" + VIP);
        assertTrue(waited >= 700 && waited < 10_000, "waited about 1 s for the client, not the window's 15 s: " + waited + " ms\n" + result.describe());
        assertTrue(tookOnce(result, "one:" + ORDINARY) < 3000, "other names never wait\n" + result.describe());
    }

    /** While the client is stopped, its last good answer is served past its TTL (and nothing for names it never answered). */
    @OnBothJdks
    void whileTheClientIsDownItsLastGoodAnswerIsServed(Jdk jdk) throws InterruptedException {
        client.a(VIP, 1, CLIENT_ADDRESS);
        ScriptResult result;
        try (RunningJvm child = child(jdk, client.endpoint(), List.of("local.onDown=fail"),
                "one:" + VIP, "await", "sleep:1500", "one:" + VIP, "one:never.vip", "one:" + VIP)) {
            child.awaitLine("await -> ");
            client.stop();
            child.send("go");
            result = new ScriptResult(child.finish()).succeeded();
        }

        assertEquals(List.of("-> " + CLIENT_ADDRESS, "-> " + CLIENT_ADDRESS, "-> " + CLIENT_ADDRESS), result.outcomes("one:" + VIP),
                "TTL 1 s, 1.5 s later, the client stopped: its last answer all the same\n" + result.describe());
        String never = result.failure("one:never.vip");
        assertTrue(never.startsWith("java.net.UnknownHostException: resolvechain: never.vip: local: local client " + client.endpoint()), never);
    }

    /**
     * A real dnsmasq as the client ({@code host-record}, {@code local=/vip/}, its TTL 0 for them):
     * routing, its NXDOMAIN final, its last good answer served while it is stopped, and its names
     * from it again once it is back.
     */
    @OnBothJdks
    void aRealDnsmasqAsTheClient(Jdk jdk) throws InterruptedException {
        Dnsmasq.assumeInstalled();
        try (Dnsmasq dnsmasq = Dnsmasq.builder().local("vip").hostRecord(VIP, CLIENT_ADDRESS).hostRecord("later.vip", "10.1.0.3")
                .hostRecord(ORDINARY, "10.66.0.1").option("log-queries").start()) {
            ScriptResult result;
            try (RunningJvm child = child(jdk, dnsmasq.endpoint(), List.of("local.onDown=fail"),
                    "one:" + VIP, "one:" + ORDINARY, "one:missing.vip", "await", "one:" + VIP, "one:later.vip", "await", "until:later.vip=10.1.0.3")) {
                child.awaitLine("await -> ");
                dnsmasq.stop();
                child.send("go");
                child.awaitLine("await -> ");
                dnsmasq.start();
                child.send("go");
                result = new ScriptResult(child.finish()).succeeded();
            }

            assertEquals(List.of("-> " + CLIENT_ADDRESS, "-> " + CLIENT_ADDRESS), result.outcomes("one:" + VIP),
                    "from dnsmasq, then (TTL 0) its last good answer while it is stopped\n" + result.describe());
            assertEquals(ORDINARY_ADDRESS, result.answer("one:" + ORDINARY), result::describe);
            assertFalse(dnsmasq.log().contains(ORDINARY), "dnsmasq was never asked about " + ORDINARY + ":\n" + dnsmasq.log());
            String missing = result.failure("one:missing.vip");
            assertTrue(missing.startsWith("java.net.UnknownHostException: resolvechain: missing.vip: local: local client " + dnsmasq.endpoint()
                    + " says NXDOMAIN for missing.vip"), missing);
            assertTrue(result.failure("one:later.vip").contains("local client " + dnsmasq.endpoint()), result::describe);
            assertTrue(result.answer("until:later.vip=10.1.0.3").startsWith("10.1.0.3 after "), result::describe);
            assertTrue(tookOnce(result, "until:later.vip=10.1.0.3") < 3000, "back within 3 s\n" + result.describe());
        }
    }
}
