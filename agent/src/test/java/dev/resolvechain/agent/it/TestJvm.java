package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.agent.it.child.Script;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a child JVM on a chosen JDK, optionally with {@code -javaagent}, and captures its stdout,
 * stderr and exit status; a child that outlives its timeout is killed and fails the test.
 *
 * <p>Every child is hermetic: its environment has no {@code JAVA_TOOL_OPTIONS} or
 * {@code RESOLVECHAIN_*} of the developer's, and the JDK's built-in resolver reads only the test's
 * {@link ChainFiles#jdkHostsFile} ({@code jdk.net.hosts.file}), so a lookup that the chain does not
 * take sends nothing to the network either.
 */
final class TestJvm {
    static final Path AGENT_JAR = Path.of(System.getProperty("it.agentJar", "target/resolvechain-agent.jar")).toAbsolutePath();
    static final Path TEST_CLASSES = codeSource(Script.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Jdk jdk;
    private final ChainFiles files;
    private final List<Path> classPath = new ArrayList<>(List.of(TEST_CLASSES));
    private final List<String> options = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    private TestJvm(Jdk jdk, ChainFiles files) {
        this.jdk = jdk;
        this.files = files;
        properties.put("jdk.net.hosts.file", files.jdkHostsFile.toString());
    }

    /** A child on {@code jdk} reading {@code files}; skips or fails the test when the JDK is not installed. */
    static TestJvm on(Jdk jdk, ChainFiles files) {
        jdk.requireInstalled();
        return new TestJvm(jdk, files);
    }

    /** {@code -javaagent} configured with the test's files, then {@code extra} pairs. */
    TestJvm withAgent(String... extra) {
        return withAgentArguments(files.agentArguments(extra));
    }

    /** {@code -javaagent} with exactly this argument string. */
    TestJvm withAgentArguments(String arguments) {
        assertTrue(Files.isRegularFile(AGENT_JAR), "the agent jar " + AGENT_JAR + " is not built: run mvn package first");
        options.add("-javaagent:" + AGENT_JAR + "=" + arguments);
        return this;
    }

    TestJvm option(String option) {
        options.add(option);
        return this;
    }

    TestJvm property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    TestJvm env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Appends to the class path (the test classes come first). */
    TestJvm classPath(Path... entries) {
        classPath.addAll(List.of(entries));
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
     * Lets the JDK (18+) use the resolver providers on the class path: {@code jdk.net.hosts.file}
     * turns them off. The JDK's built-in resolver then reads the machine's files and nameservers, so
     * a test that calls this must make sure no lookup can reach it: the providers on the class path
     * are resolvechain's and dnsjava's ({@link #withApplicationDnsjava}), {@code strict=true} stops a
     * JVM whose configuration is broken, and the script checks which provider the JDK will take.
     */
    TestJvm withResolverProviders() {
        properties.remove("jdk.net.hosts.file");
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

    TestJvm timeout(Duration limit) {
        timeout = limit;
        return this;
    }

    /** Runs {@link Script} with these commands to its end. */
    Result script(String... commands) {
        return start(commands).finish();
    }

    /** Starts {@link Script} with these commands; the caller talks to it and then finishes it. */
    Running start(String... commands) {
        List<String> tail = new ArrayList<>(List.of("-cp", join(classPath), Script.class.getName()));
        tail.addAll(List.of(commands));
        return launch(tail);
    }

    /** Runs {@code java -jar JAR ARGS...} to its end. */
    Result jar(Path jar, String... arguments) {
        List<String> tail = new ArrayList<>(List.of("-jar", jar.toString()));
        tail.addAll(List.of(arguments));
        return launch(tail).finish();
    }

    private Running launch(List<String> tail) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(options);
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(tail);
        ProcessBuilder builder = new ProcessBuilder(command).directory(files.dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("RESOLVECHAIN_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS") || name.equals("CLASSPATH"));
        env.putAll(environment);
        try {
            return new Running(builder.start(), String.join(" ", command), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(List<Path> paths) {
        List<String> texts = new ArrayList<>();
        for (Path path : paths) {
            texts.add(path.toString());
        }
        return String.join(File.pathSeparator, texts);
    }
}
