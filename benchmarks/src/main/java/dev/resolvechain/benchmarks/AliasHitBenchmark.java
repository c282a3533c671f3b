package dev.resolvechain.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One forward lookup of a name: {@code InetAddress.getAllByName(name)}. The method is the same in
 * every mode; what it measures depends on how the fork was started, which {@link AliasHitRunner}
 * decides (system properties below):
 * <ul>
 *   <li>{@code agent}: under {@code -javaagent:resolvechain-agent.jar=aliases=DIR;...}; the name is
 *       an alias, answered from the agent's in-memory table (the agent turns the JDK's cache off);</li>
 *   <li>{@code jdk-uncached}: the JDK's own resolver reading {@code -Djdk.net.hosts.file}, with its
 *       cache off ({@code sun.net.inetaddr.ttl=0}): every call reads the hosts file;</li>
 *   <li>{@code jdk-cached}: the same hosts file with the JDK's default cache: every call after the
 *       first is a hit in {@code InetAddress}'s cache.</li>
 * </ul>
 * The setup checks the answer, and in agent mode that the agent really is installed, so a fork
 * that silently measured something else fails instead of reporting a number.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AliasHitBenchmark {
    /** The name looked up. */
    public static final String NAME_PROPERTY = "benchmark.alias-hit.name";
    /** The address the lookup must return (first address). */
    public static final String EXPECT_PROPERTY = "benchmark.alias-hit.expect";
    /** agent (or agent-baseline), jdk-uncached or jdk-cached: what the fork was started as, checked in the setup. */
    public static final String MODE_PROPERTY = "benchmark.alias-hit.mode";

    private String name;

    @Setup
    public void setUp() throws Exception {
        name = required(NAME_PROPERTY);
        String expect = required(EXPECT_PROPERTY);
        String mode = required(MODE_PROPERTY);
        boolean agent = agentInstalled();
        if (mode.startsWith("agent") != agent) {
            throw new IllegalStateException("mode " + mode + " but the resolvechain agent is "
                    + (agent ? "installed" : "not installed"));
        }
        if (!agent && System.getProperty("jdk.net.hosts.file") == null) {
            throw new IllegalStateException("mode " + mode + " without -Djdk.net.hosts.file: would read the machine's hosts file");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("mode " + mode + ": " + name + " does not resolve: " + e.getMessage(), e);
        }
        if (!addresses[0].getHostAddress().equals(expect)) {
            throw new IllegalStateException("mode " + mode + ": " + name + " resolved to " + addresses[0] + ", expected " + expect);
        }
    }

    @Benchmark
    public InetAddress[] getAllByName() throws UnknownHostException {
        return InetAddress.getAllByName(name);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("-D" + property + " is not set: run the benchmark through AliasHitRunner");
        }
        return value;
    }

    /** Whether the agent installed the chain (the agent jar is on the system class path). */
    static boolean agentInstalled() {
        InetAddress.getLoopbackAddress(); // initialises InetAddress, no lookup: the agent's hook goes in then, if at all
        try {
            Class<?> agent = Class.forName("dev.resolvechain.agent.boot.ResolveChainAgent", false, ClassLoader.getSystemClassLoader());
            return agent.getMethod("installed").invoke(null) != null;
        } catch (ClassNotFoundException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ask the agent whether it is installed: " + e, e);
        }
    }
}
