package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's address cache must not hide the chain's answers: with the JDK told to hold answers and
 * failures for 10 minutes, every lookup still gets the chain's answer of that moment (an alias hit
 * through the agent's entry in that cache, which reads the alias table). Seen without reflection: the
 * chain makes new {@code InetAddress} objects for every answer of its tiers, the JDK's cache hands
 * out the same ones; and a failure from the JDK's negative cache carries only the name, not the
 * chain's reasons.
 */
class JdkCacheIT {
    @TempDir
    Path dir;

    private ChainFiles files() {
        return new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a").hosts("10.1.1.1 from-hosts")
                .jdkHosts("10.66.66.66 svc-a");
    }

    @OnBothJdks
    void everyLookupReachesTheChain(Jdk jdk) {
        ScriptResult result = TestJvm.on(jdk, files()).jdkCacheSeconds(600).withAgent()
                .script("all:svc-a", "twice:svc-a", "twice:from-hosts", "all:nope.invalid", "all:nope.invalid").succeeded();

        assertEquals("10.9.8.7", result.answer("all:svc-a"));
        // an alias hit may hand out the same objects again (its entry reads the live table: see the
        // live-reload test below); an answer of any other tier is made anew by the chain each time
        assertEquals("distinct", result.answer("twice:from-hosts"));
        List<String> failures = result.outcomes("all:nope.invalid");
        assertEquals(2, failures.size(), result::describe);
        LookupIT.assertUnknown(failures.get(1).substring("!! ".length()), "nope.invalid");
        assertEquals(failures.get(0), failures.get(1), "the second failure comes from the chain too");
    }

    /** The control: the same child without the agent shows the JDK's cache at work, so the test above can fail. */
    @OnBothJdks
    void withoutTheAgentTheJdkCaches(Jdk jdk) {
        ScriptResult result = TestJvm.on(jdk, files()).jdkCacheSeconds(600)
                .script("twice:svc-a", "all:nope.invalid", "all:nope.invalid").succeeded();

        assertEquals("same", result.answer("twice:svc-a"));
        List<String> failures = result.outcomes("all:nope.invalid");
        assertEquals(2, failures.size(), result::describe);
        assertNotEquals(failures.get(0), failures.get(1), "the JDK's negative cache answers the second time");
    }

    /**
     * The contract: alias changes are picked up while the JVM runs, and the JDK's cache (told to
     * hold answers and failures for 10 minutes, by security property and by system property) hides
     * none of them: a changed alias, and an alias added right after a failed lookup of it (the child
     * looks it up about once a millisecond, so its last failure is at most a few ms old), each within
     * a second (asserted: 3 s), by {@code getAllByName}, {@code getByName} and reverse lookup.
     */
    @OnBothJdks
    void aliasChangesAndAdditionsAreSeenDespiteTheJdkCache(Jdk jdk) throws InterruptedException {
        ChainFiles files = files();
        List<String> changed = List.of("all=svc-a", "one=svc-a", "rev=10.9.8.7", "rev=10.9.8.70");
        List<String> added = List.of("all=svc-new", "one=svc-new", "rev=10.9.8.71");
        List<String> targets = new ArrayList<>(changed);
        targets.addAll(added);
        long changedAt;
        long addedAt;
        ScriptResult result;
        TestJvm jvm = TestJvm.on(jdk, files).jdkCacheSeconds(600).property("sun.net.inetaddr.ttl", "600")
                .property("sun.net.inetaddr.negative.ttl", "600").withAgent("log.level=warn").timeout(Duration.ofSeconds(60));
        try (RunningJvm child = jvm.start("watch:" + String.join(",", targets))) {
            child.awaitLine(Watched.line("rev=10.9.8.71", "10.9.8.71")); // the last target of the first round
            Thread.sleep(200); // a couple of hundred rounds of lookups, the failures among them

            files.alias("web.hosts", "10.9.8.70 svc-a");
            changedAt = System.currentTimeMillis();
            child.awaitLines(Watched.line("all=svc-a", "10.9.8.70"), Watched.line("one=svc-a", "10.9.8.70"),
                    Watched.line("rev=10.9.8.70", "svc-a"), Watched.line("rev=10.9.8.7", "10.9.8.7"));
            Thread.sleep(200);

            files.alias("new.hosts", "10.9.8.71 svc-new");
            addedAt = System.currentTimeMillis();
            child.awaitLines(Watched.line("all=svc-new", "10.9.8.71"), Watched.line("one=svc-new", "10.9.8.71"),
                    Watched.line("rev=10.9.8.71", "svc-new"));
            Thread.sleep(500);
            result = new ScriptResult(child.finish()).succeeded();
        }

        List<List<String>> expected = List.of(List.of("10.9.8.7", "10.9.8.70"), List.of("10.9.8.7", "10.9.8.70"),
                List.of("svc-a", "10.9.8.7"), List.of("10.9.8.70", "svc-a"),
                List.of("unknown", "10.9.8.71"), List.of("unknown", "10.9.8.71"), List.of("10.9.8.71", "svc-new"));
        StringBuilder measured = new StringBuilder(jdk + ", JDK cache 600 s:");
        for (int i = 0; i < targets.size(); i++) {
            Watched watched = Watched.of(result, targets.get(i));
            assertEquals(expected.get(i), watched.answers(), targets.get(i) + "\n" + result.describe());
            long latency = watched.latency(expected.get(i).get(1), i < changed.size() ? changedAt : addedAt);
            measured.append(' ').append(targets.get(i)).append(' ').append(latency).append(" ms;");
            assertTrue(latency <= 3000, targets.get(i) + " followed the file only after " + latency + " ms");
        }
        System.out.println(measured);
    }
}
