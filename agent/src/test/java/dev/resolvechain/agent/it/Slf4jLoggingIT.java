package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.agent.it.libs.Slf4jChild;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's log lines go through the application's slf4j when it has a binding (Logback here, with
 * a pattern of its own on standard output), and to standard error when it has none: a warning raised
 * while the application runs (an alias file that stops parsing) is the line followed.
 */
class Slf4jLoggingIT {
    private static final String WARNING = "alias registration not loaded";

    @TempDir
    Path dir;

    @OnBothJdks
    void withLogbackTheAgentsLinesGoThroughIt(Jdk jdk) throws Exception {
        ChainFiles files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a");
        Path config = files.file("logback.xml", "<configuration>",
                "  <appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <encoder><pattern>LOGBACK %logger %level %msg%n</pattern></encoder>",
                "  </appender>",
                "  <root level=\"INFO\"><appender-ref ref=\"out\"/></root>",
                "</configuration>");
        TestJvm jvm = TestJvm.on(jdk, files).withAgent("aliases.poll=50ms").classPath(Jars.librarySet("logback"))
                .property("logback.configurationFile", config.toString());
        try (RunningJvm child = jvm.start(Slf4jChild.class, "svc-a")) {
            child.awaitLine("LOGBACK app INFO the application's first line");
            child.awaitLine("ready");
            files.alias("web.hosts", "10.9.8.7 svc-a", "not-an-address broken");
            String line = child.awaitLine("LOGBACK resolvechain WARN " + WARNING);
            assertTrue(line.contains("web.hosts:2"), line);
            child.send("go");
            ScriptResult result = new ScriptResult(child.finish()).succeeded();
            assertTrue(result.stdoutLines().contains("svc-a -> 10.9.8.7"), result::describe);
            assertTrue(result.stderrLines().stream().noneMatch(stderr -> stderr.contains(WARNING)), "not on standard error too:\n"
                    + result.describe());
        }
    }

    @OnBothJdks
    void withoutABindingTheyGoToStandardError(Jdk jdk) throws Exception {
        ChainFiles files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a");
        // slf4j-api alone: its NOP logger would swallow them
        TestJvm jvm = TestJvm.on(jdk, files).withAgent("aliases.poll=50ms").classPath(slf4jApiOnly());
        try (RunningJvm child = jvm.start(Slf4jChild.class, "svc-a")) {
            child.awaitLine("ready");
            files.alias("web.hosts", "10.9.8.7 svc-a", "not-an-address broken");
            Thread.sleep(1000);
            child.send("go");
            ScriptResult result = new ScriptResult(child.finish()).succeeded();
            assertTrue(result.stderrLines().stream().anyMatch(line -> line.startsWith("resolvechain WARN: " + WARNING)), result::describe);
        }
    }

    private static Path[] slf4jApiOnly() {
        return Arrays.stream(Jars.librarySet("logback")).filter(jar -> jar.getFileName().toString().startsWith("slf4j-api"))
                .toArray(Path[]::new);
    }
}
