package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent starts no thread that keeps the JVM alive and prints nothing but its own lines: no
 * JDK warnings about {@code sun.misc.Unsafe}, {@code --add-opens} or agents.
 */
class QuietJvmIT {
    private static final List<String> PROGRAM_OUTPUT = List.of("all:svc-a -> 10.9.8.7", "threads -> none");

    @TempDir
    Path dir;

    private ScriptResult helloWorld(Jdk jdk, String... settings) {
        ChainFiles files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a");
        return TestJvm.on(jdk, files).withAgent(settings).timeout(Duration.ofSeconds(15)).script("all:svc-a", "threads")
                .succeeded();
    }

    @OnBothJdks
    void silentAtWarn(Jdk jdk) {
        ScriptResult result = helloWorld(jdk, "log.level=warn");

        assertEquals(PROGRAM_OUTPUT, result.stdoutLines(), "only non-daemon thread is main");
        assertEquals("", result.stderr(), result::describe);
    }

    @OnBothJdks
    void oneLineAtInfo(Jdk jdk) {
        ScriptResult result = helloWorld(jdk);

        assertEquals(PROGRAM_OUTPUT, result.stdoutLines());
        List<String> stderr = result.stderrLines();
        assertEquals(1, stderr.size(), result::describe);
        assertTrue(stderr.get(0).startsWith("resolvechain INFO: installed on JDK " + jdk.feature() + " "), result::describe);
    }
}
