package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's alias entries in the JDK's address cache, seen from the application: a name the alias
 * tier answered is served from {@code InetAddress}'s cache, which reads the live alias table on
 * every hit; nothing else gets an entry, and failures are never cached. The child opens
 * {@code java.net} to the script only, to look into the cache ({@code jdk-cache:HOST}); the table is
 * changed by rewriting the owner's file, and the child looks the name up until the change reached
 * the chain ({@code until:NAME=OUTCOME}).
 */
class AliasCacheIT {
    private static final String ENTRY = "-> resolvechain alias entry for ";

    @TempDir
    Path dir;

    private ChainFiles files;

    @BeforeEach
    void files() {
        files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a", "fd00::7 svc-a").hosts("10.1.1.1 from-hosts")
                .jdkHosts("10.66.66.66 svc-a");
    }

    private TestJvm child(Jdk jdk) {
        return TestJvm.on(jdk, files).openJavaNet().withAgent("log.level=warn");
    }

    @OnBothJdks
    void anAliasIsServedFromTheJdkCacheAndOnlyAnAlias(Jdk jdk) {
        ScriptResult result = child(jdk).jdkCacheSeconds(600).script("jdk-cache:svc-a", "all:svc-a", "jdk-cache:svc-a", "all:svc-a",
                "all:from-hosts", "jdk-cache:from-hosts",
                "all:nope.invalid", "all:nope.invalid", "jdk-cache:nope.invalid", "nested").succeeded();

        assertEquals(List.of("-> none", ENTRY + "svc-a"), result.outcomes("jdk-cache:svc-a"), "an entry after the first lookup");
        assertEquals(List.of("-> 10.9.8.7,fd00:0:0:0:0:0:0:7", "-> 10.9.8.7,fd00:0:0:0:0:0:0:7"), result.outcomes("all:svc-a"));
        assertEquals("10.1.1.1", result.answer("all:from-hosts"));
        assertEquals("none", result.answer("jdk-cache:from-hosts"), "not an alias: no entry (DnsInteropIT: nor a DNS answer)");
        List<String> failures = result.outcomes("all:nope.invalid");
        assertEquals(2, failures.size(), result::describe);
        for (String failure : failures) { // the JDK's negative cache would give the bare name the second time
            assertTrue(failure.startsWith("!! java.net.UnknownHostException: resolvechain: nope.invalid: dns: "), failure);
        }
        assertEquals("none", result.answer("jdk-cache:nope.invalid"), "the JDK's negative cache stays off");
        assertEquals("0", result.answer("nested"));
    }

    /** Names are case-insensitive and a trailing dot is ignored; such variants are answered by the chain, without an entry. */
    @OnBothJdks
    void caseAndTrailingDotVariants(Jdk jdk) {
        ScriptResult result = child(jdk).script("all:SVC-A", "all:svc-a.", "all:SVC-A", "all:svc-a.", "jdk-cache:SVC-A",
                "jdk-cache:svc-a.", "one:Svc-A", "all:svc-a", "jdk-cache:svc-a", "nested").succeeded();

        String both = "-> 10.9.8.7,fd00:0:0:0:0:0:0:7";
        assertEquals(List.of(both, both), result.outcomes("all:SVC-A"));
        assertEquals(List.of(both, both), result.outcomes("all:svc-a."));
        assertEquals("10.9.8.7", result.answer("one:Svc-A"));
        assertEquals("none", result.answer("jdk-cache:SVC-A"));
        assertEquals("none", result.answer("jdk-cache:svc-a."));
        assertEquals("resolvechain alias entry for svc-a", result.answer("jdk-cache:svc-a"));
        assertEquals("0", result.answer("nested"));
    }

    /** An entry in the JDK's cache follows the alias table: a changed address, a name taken away, then given back. */
    @OnBothJdks
    void theEntryFollowsTheAliasTable(Jdk jdk) throws InterruptedException {
        ScriptResult result;
        try (RunningJvm child = child(jdk).start("all:svc-a", "all:svc-a", "await",
                "until:svc-a=-> 10.9.8.70", "all:svc-a", "jdk-cache:svc-a", "await",
                "until:svc-a=!! ", "all:svc-a", "jdk-cache:svc-a", "all:svc-a", "jdk-cache:svc-a", "await",
                "until:svc-a=-> 10.9.8.71", "all:svc-a", "jdk-cache:svc-a", "nested")) {
            TestJvm.atAwait(child, () -> files.alias("web.hosts", "10.9.8.70 svc-a"));
            TestJvm.atAwait(child, () -> files.alias("web.hosts", "10.9.8.8 svc-b"));
            TestJvm.atAwait(child, () -> files.alias("web.hosts", "10.9.8.71 svc-a"));
            result = new ScriptResult(child.finish()).succeeded();
        }

        List<String> answers = result.outcomes("all:svc-a");
        assertEquals(6, answers.size(), result::describe);
        assertEquals(List.of("-> 10.9.8.7,fd00:0:0:0:0:0:0:7", "-> 10.9.8.7,fd00:0:0:0:0:0:0:7", "-> 10.9.8.70"),
                answers.subList(0, 3), "the changed address, from the same entry");
        for (String gone : answers.subList(3, 5)) {
            assertTrue(gone.startsWith("!! java.net.UnknownHostException: resolvechain: svc-a: "), "not an alias any more: " + gone);
        }
        assertEquals("-> 10.9.8.71", answers.get(5), "an alias again");
        assertEquals(List.of(ENTRY + "svc-a", "-> none", "-> none", ENTRY + "svc-a"), result.outcomes("jdk-cache:svc-a"),
                "the entry removed itself, and came back with the next lookup that the alias tier answered");
        assertEquals("0", result.answer("nested"));
    }

    /** A second attach replaces the chain: the entries answer from the new one. */
    @OnBothJdks
    void entriesFollowAReattach(Jdk jdk) throws InterruptedException {
        ChainFiles other = new ChainFiles(dir.resolve("other")).alias("web.hosts", "10.9.8.99 svc-a");
        TestJvm target = child(jdk);
        if (jdk.feature() >= 21) {
            target.option("-XX:+EnableDynamicAgentLoading"); // else JDK 21+ warns about the dynamically loaded agent
        }
        ScriptResult result;
        ScriptResult attach;
        try (RunningJvm child = target.start("all:svc-a", "all:svc-a", "await", "all:svc-a", "jdk-cache:svc-a", "all:svc-a", "nested")) {
            child.awaitLine("await -> ");
            List<String> arguments = new ArrayList<>(List.of("attach", String.valueOf(child.pid())));
            arguments.addAll(other.settings("log.level=warn"));
            attach = TestJvm.on(jdk, files).jar(TestJvm.AGENT_JAR, arguments.toArray(String[]::new));
            child.send("go");
            result = new ScriptResult(child.finish()).succeeded();
        }

        attach.succeeded();
        assertEquals(List.of("-> 10.9.8.7,fd00:0:0:0:0:0:0:7", "-> 10.9.8.7,fd00:0:0:0:0:0:0:7", "-> 10.9.8.99", "-> 10.9.8.99"),
                result.outcomes("all:svc-a"), result::describe);
        assertEquals("resolvechain alias entry for svc-a", result.answer("jdk-cache:svc-a"));
        assertEquals("0", result.answer("nested"));
        assertEquals(List.of(), result.stderrLines(), result::describe);
    }
}
