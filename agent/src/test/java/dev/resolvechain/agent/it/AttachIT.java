package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.Netns;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar resolvechain-agent.jar attach PID key=value...} into a JVM that has already
 * looked names up through the JDK (and holds them in the JDK's cache): from then on the chain answers.
 */
class AttachIT {
    @TempDir
    Path dir;

    @OnBothJdks
    void attachReplacesTheResolverAndForgetsTheJdkCache(Jdk jdk) throws InterruptedException {
        ChainFiles files = new ChainFiles(dir)
                .alias("web.hosts", "10.9.8.7 svc-a")
                .hosts("10.2.2.2 cached-name")
                .jdkHosts("10.1.1.1 cached-name");
        TestJvm target = TestJvm.on(jdk, files).jdkCacheSeconds(600);
        if (jdk.feature() >= 21) {
            target.option("-XX:+EnableDynamicAgentLoading"); // else JDK 21+ warns about the dynamically loaded agent
        }
        ScriptResult result;
        ScriptResult attach;
        String pid;
        try (RunningJvm child = target.start("one:cached-name", "all:svc-a", "await", "one:cached-name", "all:svc-a", "nested")) {
            child.awaitLine("await -> ");
            pid = String.valueOf(child.pid());
            List<String> arguments = new ArrayList<>(List.of("attach", pid));
            arguments.addAll(files.settings());
            attach = TestJvm.on(jdk, files).jar(TestJvm.AGENT_JAR, arguments.toArray(String[]::new));
            child.send("go");
            result = new ScriptResult(child.finish()).succeeded();
        }

        attach.succeeded();
        assertTrue(attach.stdout().contains("attached to " + pid), attach::describe);
        assertEquals(List.of("-> 10.1.1.1", "-> 10.2.2.2"), result.outcomes("one:cached-name"),
                "first the JDK's (cached for 600 s), then the chain's answer\n" + result.describe());
        List<String> alias = result.outcomes("all:svc-a");
        assertEquals(2, alias.size(), result::describe);
        assertTrue(alias.get(0).startsWith("!! java.net.UnknownHostException: "), "unknown to the JDK (and cached as such): " + alias);
        assertEquals("-> 10.9.8.7", alias.get(1), "the chain's answer, despite the JDK's negative cache");
        assertEquals("0", result.answer("nested"));
        List<String> stderr = result.stderrLines();
        assertEquals(1, stderr.size(), result::describe);
        assertTrue(stderr.get(0).startsWith("resolvechain INFO: installed on JDK " + jdk.feature()), result::describe);
    }

    /**
     * Attached to a JVM that has already loaded and used Netty's {@code DnsNameResolver}, the agent
     * weaves that class (retransformation) and the same resolver instance now gets aliases. Inside a
     * network namespace whose resolv.conf names a dnsmasq that knows no name.
     */
    @OnBothJdks
    void attachWeavesNettysResolverAlreadyLoaded(Jdk jdk) throws Exception {
        Dnsmasq.assumeInstalled();
        ChainFiles files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a");
        try (Netns netns = Netns.create();
             Dnsmasq decoy = Dnsmasq.builder().inside(netns, netns.address()).address("/#/").start()) {
            netns.resolvConf("nameserver " + decoy.address().getHostAddress() + "\n");
            TestJvm target = TestJvm.on(jdk, files).inside(netns).classPath(Jars.librarySet("netty42"));
            if (jdk.feature() >= 21) {
                target.option("-XX:+EnableDynamicAgentLoading");
            }
            ScriptResult result;
            ScriptResult attach;
            try (RunningJvm child = target.start("netty:svc-a", "await", "netty:svc-a")) {
                child.awaitLine("await -> ");
                List<String> arguments = new ArrayList<>(List.of("attach", String.valueOf(child.pid())));
                arguments.addAll(files.settings());
                arguments.add("resolvConf=/etc/resolv.conf");
                attach = TestJvm.on(jdk, files).jar(TestJvm.AGENT_JAR, arguments.toArray(String[]::new));
                child.send("go");
                result = new ScriptResult(child.finish()).succeeded();
            }
            attach.succeeded();
            List<String> alias = result.outcomes("netty:svc-a");
            assertEquals(2, alias.size(), result::describe);
            assertTrue(alias.get(0).startsWith("!! "), "unknown to Netty on its own: " + alias + "\n" + result.describe());
            assertEquals("-> 10.9.8.7", alias.get(1), "the chain's answer, through the class woven after the attach\n" + result.describe());
            assertTrue(result.stderrLines().stream().noneMatch(line -> line.contains("cannot weave")), result::describe);
        }
    }
}
