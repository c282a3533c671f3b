package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.Question;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dns tier under the agent, against a {@link TestDnsServer} on loopback that this test JVM
 * runs: the child's only nameserver ({@code nameservers}); its resolv.conf is empty.
 */
class DnsInteropIT {
    @TempDir
    Path dir;

    private TestDnsServer dns;
    private ChainFiles files;

    @BeforeEach
    void start() {
        dns = TestDnsServer.start();
        files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a").hosts("10.1.1.1 from-hosts");
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private TestJvm child(Jdk jdk, String... settings) {
        List<String> all = new ArrayList<>(List.of("nameservers=" + dns.endpoint(), "log.level=warn"));
        all.addAll(List.of(settings));
        return TestJvm.on(jdk, files).withAgent(all.toArray(String[]::new));
    }

    /**
     * DNS answers what no earlier tier has; the earlier tiers' names are never sent to it. A DNS
     * answer is cached by the chain, by its TTL: it gets no entry in the JDK's cache (only aliases do).
     */
    @OnBothJdks
    void dnsIsTheLastTier(Jdk jdk) {
        dns.a("api.example.test", 60, "10.50.0.1").a("svc-a", 60, "10.50.0.99").a("from-hosts", 60, "10.50.0.98")
                .ptr("10.50.0.1", 60, "api.example.test").soa("example.test", 60);

        ScriptResult result = child(jdk).openJavaNet().script("all:api.example.test", "all:api.example.test", "jdk-cache:api.example.test",
                "all:svc-a", "all:from-hosts", "name:10.50.0.1", "all:nope.example.test", "nested").succeeded();

        assertEquals(List.of("-> 10.50.0.1", "-> 10.50.0.1"), result.outcomes("all:api.example.test"));
        assertEquals("none", result.answer("jdk-cache:api.example.test"));
        assertEquals("10.9.8.7", result.answer("all:svc-a"));
        assertEquals("10.1.1.1", result.answer("all:from-hosts"));
        assertEquals("api.example.test", result.answer("name:10.50.0.1"));
        String failure = result.failure("all:nope.example.test");
        assertTrue(failure.startsWith("java.net.UnknownHostException: resolvechain: nope.example.test: dns: "), failure);
        assertEquals("0", result.answer("nested"));
        List<String> asked = dns.queries().stream().map(Question::name).distinct().toList();
        assertTrue(asked.contains("api.example.test") && !asked.contains("svc-a") && !asked.contains("from-hosts"),
                "names the server was asked: " + asked);
    }

    /** A server that never answers: the lookup fails at {@code lookupTimeout}, not after resolv.conf's 5 s tries. */
    @OnBothJdks
    void noLookupOutlastsLookupTimeout(Jdk jdk) {
        dns.fault(Fault.drop());

        long start = System.nanoTime();
        ScriptResult result = child(jdk, "lookupTimeout=1s").script("all:silent.example.test").succeeded();
        long millis = (System.nanoTime() - start) / 1_000_000;

        String failure = result.failure("all:silent.example.test");
        assertTrue(failure.startsWith("java.net.UnknownHostException: resolvechain: silent.example.test: dns: "), failure);
        assertTrue(millis < 4_500, "the child took " + millis + " ms for a lookup bounded by 1 s\n" + result.describe());
    }

    /**
     * With the JDK's cache off, the record's TTL decides: a change shows once the TTL has passed, and
     * within the TTL the chain's cache answers without asking the server again.
     */
    @OnBothJdks
    void theRecordTtlDecidesWhenAChangeShows(Jdk jdk) throws InterruptedException {
        dns.a("moving.example.test", 1, "10.50.0.1").a("steady.example.test", 600, "10.50.0.7");
        ScriptResult result;
        try (RunningJvm child = child(jdk).start("all:moving.example.test", "all:steady.example.test", "await", "sleep:1500",
                "all:moving.example.test", "all:steady.example.test")) {
            child.awaitLine("await -> ");
            dns.a("moving.example.test", 1, "10.50.0.2").a("steady.example.test", 600, "10.50.0.8");
            child.send("go");
            result = new ScriptResult(child.finish()).succeeded();
        }

        assertEquals(List.of("-> 10.50.0.1", "-> 10.50.0.2"), result.outcomes("all:moving.example.test"), result::describe);
        assertEquals(List.of("-> 10.50.0.7", "-> 10.50.0.7"), result.outcomes("all:steady.example.test"), result::describe);
        long steadyA = dns.queries().stream().filter(q -> q.name().equals("steady.example.test") && q.type().equals("A")).count();
        assertEquals(1, steadyA, "the second lookup came from the chain's cache: " + dns.queries());
    }
}
