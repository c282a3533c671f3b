package dev.resolvechain.agent.it;

import dev.resolvechain.agent.it.child.Script;
import dev.resolvechain.testkit.Netns;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A child JVM of the agent's tests, through the testkit's {@link JvmLaunch}: on a chosen JDK (a
 * missing one skips the test, or fails it in CI), in the test's directory and reading the test's
 * {@link ChainFiles}, mostly running {@link Script}, optionally under the agent built by this module.
 */
final class TestJvm {
    static final Path AGENT_JAR = JvmLaunch.agentJar();

    private final JvmLaunch launch;
    private final ChainFiles files;

    private TestJvm(JvmLaunch launch, ChainFiles files) {
        this.launch = launch;
        this.files = files;
    }

    static TestJvm on(Jdk jdk, ChainFiles files) {
        jdk.requireInstalled();
        return new TestJvm(JvmLaunch.on(jdk).files(files), files);
    }

    /** {@code -javaagent} configured with the test's files, then {@code extra} pairs. */
    TestJvm withAgent(String... extra) {
        launch.agent(AGENT_JAR, files.agentArguments(extra));
        return this;
    }

    /** Runs the child inside {@code netns} ({@code ip netns exec}): its loopback, its /etc/netns files. */
    TestJvm inside(Netns netns) {
        launch.via(netns.via());
        return this;
    }

    TestJvm option(String option) {
        launch.option(option);
        return this;
    }

    TestJvm property(String name, String value) {
        launch.property(name, value);
        return this;
    }

    TestJvm env(String name, String value) {
        launch.env(name, value);
        return this;
    }

    /** Appends to the class path (the test classes come first). */
    TestJvm classPath(Path... entries) {
        launch.classPath(entries);
        return this;
    }

    /** Hands each line of the child's standard error (the agent's log) to {@code listener} as it comes. */
    TestJvm onStderr(Consumer<String> listener) {
        launch.onStderr(listener);
        return this;
    }

    TestJvm timeout(Duration limit) {
        launch.timeout(limit);
        return this;
    }

    /**
     * The application's own dnsjava on the class path. Its resolver provider (JDK 18+) is in that jar;
     * should it ever be used, {@code dns.server} sends its queries to a closed loopback port.
     */
    TestJvm withApplicationDnsjava() {
        return classPath(Jars.DNSJAVA).property("dns.server", "127.0.0.1:9").property("dnsjava.lookup.use_hosts_file", "false");
    }

    /**
     * Lets the JDK (18+) use the resolver providers on the class path ({@link JvmLaunch#withoutJdkHostsFile()}).
     * The JDK's built-in resolver then reads the machine's files and nameservers, so a test that
     * calls this must make sure no lookup can reach it: the providers on the class path are
     * resolvechain's and dnsjava's ({@link #withApplicationDnsjava}), {@code strict=true} stops a JVM
     * whose configuration is broken, and the script checks which provider the JDK will take.
     */
    TestJvm withResolverProviders() {
        launch.withoutJdkHostsFile();
        return this;
    }

    /** The test's chain settings, then {@code extra}, as {@code -Dresolvechain.KEY=VALUE} (provider mode has no agent argument). */
    TestJvm withSettingsAsProperties(String... extra) {
        for (String pair : files.settings(extra)) {
            int eq = pair.indexOf('=');
            property("resolvechain." + pair.substring(0, eq), pair.substring(eq + 1));
        }
        return this;
    }

    /**
     * The JDK's own address cache set to hold answers and failures {@code seconds} long
     * ({@code networkaddress.cache.ttl} and {@code .negative.ttl}, through {@code java.security.properties}).
     */
    TestJvm jdkCacheSeconds(int seconds) {
        Path file = files.file("cache.security", "networkaddress.cache.ttl=" + seconds, "networkaddress.cache.negative.ttl=" + seconds);
        return property("java.security.properties", file.toString());
    }

    /** Opens {@code java.net} to the script, so that it can look into {@code InetAddress}'s cache ({@code jdk-cache:HOST}). */
    TestJvm openJavaNet() {
        return option("--add-opens=java.base/java.net=ALL-UNNAMED");
    }

    /** Runs {@link Script} with these commands to its end. */
    ScriptResult script(String... commands) {
        return new ScriptResult(start(commands).finish());
    }

    /** Starts {@link Script} with these commands; the caller talks to it and then finishes it. */
    RunningJvm start(String... commands) {
        return start(Script.class, commands);
    }

    /** Starts another child of this module's tests, e.g. {@link dev.resolvechain.agent.it.child.TimedLookups}. */
    RunningJvm start(Class<?> main, String... commands) {
        return launch.main(main, commands).start();
    }

    /** Runs {@code java -jar JAR ARGS...} to its end. */
    ScriptResult jar(Path jar, String... arguments) {
        return new ScriptResult(launch.jar(jar, arguments).run());
    }

    /** Starts {@code java -jar JAR ARGS...}, e.g. a command that runs until it is stopped; the caller signals it and finishes it. */
    RunningJvm startJar(Path jar, String... arguments) {
        return launch.jar(jar, arguments).start();
    }

    /** Waits for the script's next {@code await}, does {@code action} (rewrites a file, say), then lets the script go on. */
    static void atAwait(RunningJvm child, Runnable action) throws InterruptedException {
        child.awaitLine("await -> ");
        action.run();
        child.send("go");
    }
}
