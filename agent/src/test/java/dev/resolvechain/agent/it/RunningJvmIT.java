package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.observe.ControlDirectory;
import dev.resolvechain.testkit.Requirements;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status}, {@code recent} and {@code explain --pid} asked of a running JVM (issue 14), one
 * started with the agent and one that got it by {@code attach}: each answers from its own state.
 */
class RunningJvmIT {
    private static final long LISTED_WITHIN_MILLIS = 5000;

    @TempDir
    Path dir;

    private ChainFiles files() {
        // two owners claim web (the seed's incident: one of them a dead container's); no nameserver, so gone.invalid fails at once
        return new ChainFiles(dir).alias("web-1.hosts", "10.0.0.1 web").alias("web-2.hosts", "10.0.0.2 web");
    }

    @OnBothJdks
    void aJvmStartedWithTheAgentAnswersForItself(Jdk jdk) throws Exception {
        ChainFiles files = files();
        try (RunningJvm child = TestJvm.on(jdk, files).withAgent("log.level=warn").start("all:web", "one:gone.invalid", "await")) {
            child.awaitLine("await -> ");
            assertAnswersForItself(jdk, files, child);
            child.send("go");
            new ScriptResult(child.finish()).succeeded();
        }
    }

    @OnBothJdks
    void aJvmThatGotTheAgentByAttachAnswersForItself(Jdk jdk) throws Exception {
        ChainFiles files = files();
        TestJvm target = TestJvm.on(jdk, files);
        if (jdk.feature() >= 21) {
            target.option("-XX:+EnableDynamicAgentLoading");
        }
        try (RunningJvm child = target.start("await", "all:web", "one:gone.invalid", "await")) {
            child.awaitLine("await -> ");
            List<String> attach = new ArrayList<>(List.of("attach", String.valueOf(child.pid())));
            attach.addAll(files.settings("log.level=warn"));
            TestJvm.on(jdk, files).jar(TestJvm.AGENT_JAR, attach.toArray(String[]::new)).succeeded();
            child.send("go");
            child.awaitLine("await -> ");
            assertAnswersForItself(jdk, files, child);
            child.send("go");
            new ScriptResult(child.finish()).succeeded();
        }
    }

    /** The local client stops answering while the JVM runs: {@code status} shows it down, as that JVM sees it. */
    @OnBothJdks
    void aLocalClientThatDiedShowsDownInStatus(Jdk jdk) throws Exception {
        ChainFiles files = files();
        try (TestDnsServer client = TestDnsServer.start().a("app.vip", 30, "10.1.1.1");
             RunningJvm child = TestJvm.on(jdk, files).withAgent("local=" + client.endpoint(), "local.domains=vip", "local.timeout=100ms",
                     "log.level=error").start("one:app.vip", "await", "one:first.vip", "one:second.vip", "await")) {
            TestJvm.atAwait(child, client::stop);
            child.awaitLine("await -> ");
            String pid = String.valueOf(child.pid());
            awaitListed(jdk, files, pid);
            String status = command(jdk, files, "status", pid, "--json").stdout();
            assertTrue(status.contains("\"localHealth\":\"down since "), status);
            String up = "\"localHealth\":\"up";
            assertFalse(status.contains(up), status);
            assertTrue(status.contains("\"local: local client " + client.endpoint() + " down since "), status);
            ScriptResult list = command(jdk, files, "status");
            assertTrue(list.stdoutLines().stream().anyMatch(line -> line.startsWith(pid + "  up ")
                    && line.contains("local: local client " + client.endpoint() + " down since ")), list::describe);
            child.send("go");
            new ScriptResult(child.finish()).succeeded();
        }
    }

    /** Another user (nobody) neither lists this user's JVM nor reads its files; as root in CI. */
    @OnBothJdks
    void anotherUserCannotReadTheState(Jdk jdk) throws Exception {
        Requirements.requireRoot("running a command as another user");
        Requirements.requireCommand("runuser");
        ChainFiles files = files();
        try (RunningJvm child = TestJvm.on(jdk, files).withAgent("log.level=warn").start("all:web", "await")) {
            child.awaitLine("await -> ");
            String pid = String.valueOf(child.pid());
            awaitListed(jdk, files, pid);
            Path jvmFile = ControlDirectory.forThisUser().jvmFile(child.pid());
            assertTrue(Files.exists(jvmFile));

            // a copy of the jar nobody can read, wherever the build put the original
            Path readable = Files.createTempDirectory("resolvechain-jar", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            Path jar = Files.copy(TestJvm.AGENT_JAR, readable.resolve("resolvechain-agent.jar"));
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
            Result status;
            try {
                status = asNobody(jdk.java().toString(), "-jar", jar.toString(), "status", pid);
            } finally {
                Files.delete(jar);
                Files.delete(readable);
            }
            assertEquals(1, status.exitCode(), status.output());
            assertTrue(status.output().contains("no JVM " + pid + " of this user runs the agent"), status.output());
            Result read = asNobody("cat", jvmFile.toString());
            assertTrue(read.exitCode() != 0 && read.output().contains("Permission denied"), read.output());
            Result write = asNobody("touch", ControlDirectory.forThisUser().request(child.pid()).toString());
            assertTrue(write.exitCode() != 0 && write.output().contains("Permission denied"), write.output());
            child.send("go");
            new ScriptResult(child.finish()).succeeded();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result asNobody(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static void awaitListed(Jdk jdk, ChainFiles files, String pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LISTED_WITHIN_MILLIS;
        ScriptResult list = command(jdk, files, "status");
        while (!listed(list, pid) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            list = command(jdk, files, "status");
        }
        ScriptResult listing = list;
        assertTrue(listed(listing, pid), listing::describe);
    }

    private static void assertAnswersForItself(Jdk jdk, ChainFiles files, RunningJvm child) throws InterruptedException {
        String pid = String.valueOf(child.pid());

        awaitListed(jdk, files, pid); // the agent's control thread makes the JVM known a moment after the install

        ScriptResult status = command(jdk, files, "status", pid, "--json");
        String json = status.stdout().strip();
        assertTrue(json.startsWith("{\"pid\":" + pid + ","), status::describe);
        assertTrue(json.contains("\"resolvers\":[\"InetAddress\"]"), json);
        assertTrue(json.contains("\"alias answer\":1") && json.contains("\"dns fail\":1"), json);
        assertTrue(json.contains("\"aliasOwners\":2"), json);
        assertTrue(json.contains("\"problems\":[\"alias: 1 name claimed by more than one owner\""), json);
        assertTrue(json.contains("\"aliasConflicts\":{\"web\":[{\"address\":\"10.0.0.1\",\"owner\":\"web-1\",\"location\":"), json);
        assertTrue(json.contains("\"caches\":{\"dns\":{\"entries\":"), json);
        assertTrue(json.contains("\"log.level\":{\"value\":\"WARN\",\"source\":\"agent argument\"}"), json);
        assertTrue(json.contains("\"lookupTimeout\":{\"value\":\"3s\",\"source\":\"default\"}"), json);

        ScriptResult recent = command(jdk, files, "recent", pid, "--failed", "--since", "10m");
        assertEquals(1, recent.stdoutLines().size(), recent::describe);
        assertTrue(recent.stdoutLines().get(0).contains("  gone.invalid  via InetAddress  dns fail  "), recent::describe);

        ScriptResult explain = command(jdk, files, "explain", "web", "--pid", pid);
        String text = explain.stdout();
        assertTrue(text.contains("in JVM " + pid + ": "), text);
        assertTrue(text.contains("claimed by 2 owners: 10.0.0.1 (owner web-1, refreshed ") && text.contains("10.0.0.2 (owner web-2, refreshed "),
                "both owners of web, each with its age, in one line:\n" + text);
    }

    private static boolean listed(ScriptResult list, String pid) {
        return list.stdoutLines().stream().anyMatch(line -> line.startsWith(pid + "  up ") && line.contains("  chain: alias > ")
                && line.contains("  problems: "));
    }

    /** {@code java -jar resolvechain-agent.jar ARGS}, which must succeed. */
    private static ScriptResult command(Jdk jdk, ChainFiles files, String... arguments) {
        return TestJvm.on(jdk, files).jar(TestJvm.AGENT_JAR, arguments).succeeded();
    }
}
