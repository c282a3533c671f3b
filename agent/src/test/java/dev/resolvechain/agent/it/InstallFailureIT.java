package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration the agent cannot use: one line on stderr naming the key; then, with
 * {@code strict=false}, the JVM runs on with the JDK's own resolver, and with {@code strict=true} it stops.
 */
class InstallFailureIT {
    @TempDir
    Path dir;

    private ChainFiles files() {
        return new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a").jdkHosts("10.3.3.3 jdk-only");
    }

    @OnBothJdks
    void badValueLeavesTheJdkResolverInPlace(Jdk jdk) {
        ScriptResult result = TestJvm.on(jdk, files()).withAgent("lookupTimeout=xyz", "strict=false")
                .script("one:jdk-only", "all:svc-a", "nested").succeeded();

        assertEquals("10.3.3.3", result.answer("one:jdk-only"), "the JDK's own resolver answers");
        assertJdkFailure(result.failure("all:svc-a"));
        assertEquals("not installed", result.answer("nested"));
        assertOneLineNaming(result, "'lookupTimeout'");
    }

    @OnBothJdks
    void badValueWithStrictStopsTheJvm(Jdk jdk) {
        ScriptResult result = TestJvm.on(jdk, files()).withAgent("lookupTimeout=xyz", "strict=true").script("one:jdk-only");

        assertNotEquals(0, result.exitCode(), result::describe);
        assertEquals("", result.stdout(), "the program never ran");
        assertOneLineNaming(result, "'lookupTimeout'");
    }

    @OnBothJdks
    void unknownKeyIsNamed(Jdk jdk) {
        ScriptResult result = TestJvm.on(jdk, files()).withAgent("lookuptimeout=1s").script("all:svc-a").succeeded();

        assertJdkFailure(result.failure("all:svc-a"));
        assertOneLineNaming(result, "'lookuptimeout'");
    }

    /** A bad value in the environment, {@code strict} from a system property: read even though the configuration is broken. */
    @OnBothJdks
    void badValueFromTheEnvironmentWithStrictFromAProperty(Jdk jdk) {
        ScriptResult result = TestJvm.on(jdk, files()).withAgent().env("RESOLVECHAIN_LOOKUPTIMEOUT", "xyz")
                .property("resolvechain.strict", "true").script("one:jdk-only");

        assertNotEquals(0, result.exitCode(), result::describe);
        assertEquals("", result.stdout(), "the program never ran");
        assertOneLineNaming(result, "RESOLVECHAIN_LOOKUPTIMEOUT");
    }

    /** {@code strict=true} in the config file, whose other value is bad: the JVM stops, and the line names file and line. */
    @OnBothJdks
    void badValueWithStrictFromTheConfigFileStopsTheJvm(Jdk jdk) throws IOException {
        Path config = Files.writeString(dir.resolve("resolvechain.properties"), "strict=true\nlookupTimeout=999999999999h\n");
        ScriptResult result = TestJvm.on(jdk, files()).withAgent("config=" + config).script("one:jdk-only");

        assertNotEquals(0, result.exitCode(), result::describe);
        assertEquals("", result.stdout(), "the program never ran");
        assertOneLineNaming(result, "'lookupTimeout' (config file " + config + ":2): '999999999999h' is out of range");
    }

    /** The agent is not installed: an alias is unknown, and the message is the JDK's. */
    private static void assertJdkFailure(String failure) {
        assertTrue(failure.startsWith("java.net.UnknownHostException: "), failure);
        assertFalse(failure.contains("resolvechain"), failure);
    }

    private static void assertOneLineNaming(ScriptResult result, String key) {
        List<String> stderr = result.stderrLines();
        assertEquals(1, stderr.size(), () -> "exactly one line on stderr\n" + result.describe());
        assertTrue(stderr.get(0).startsWith("resolvechain ERROR: ") && stderr.get(0).contains(key), result::describe);
    }
}
