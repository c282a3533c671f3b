package dev.resolvechain.testkit.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmLaunchTest {
    @TempDir
    Path dir;

    private static JvmLaunch echo(String exitStatus) {
        return JvmLaunch.on(Jdk.current()).main(EchoChild.class, exitStatus);
    }

    @Test
    void theInheritedConfigurationOfJvmsTheAgentAndGlibcIsRemoved() {
        Map<String, String> env = new HashMap<>(Map.of("JAVA_TOOL_OPTIONS", "-Dx", "JDK_JAVA_OPTIONS", "-Dx", "_JAVA_OPTIONS", "-Dx",
                "CLASSPATH", "/x", "RESOLVECHAIN_STRICT", "false", "LOCALDOMAIN", "example", "RES_OPTIONS", "ndots:9",
                "HOSTALIASES", "/x", "PATH", "/usr/bin", "HOME", "/root"));

        JvmLaunch.removeInheritedConfiguration(env);

        assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/root"), env);
    }

    @Test
    void theJdkReadsAnEmptyHostsFileOfTheHarnessUnlessToldOtherwise() throws Exception {
        JvmResult result = echo("0").run().succeeded();
        assertTrue(result.stdoutLines().get(0).matches("hosts-file .*resolvechain-jdk-hosts-.* 0 bytes"), result::describe);

        ChainFiles files = new ChainFiles(dir).jdkHosts("10.1.2.3 test-only");
        assertEquals("hosts-file " + files.jdkHostsFile + " " + Files.size(files.jdkHostsFile) + " bytes", echo("0").files(files).run().stdoutLines().get(0));

        assertEquals("hosts-file null -", echo("0").withoutJdkHostsFile().run().stdoutLines().get(0));
    }

    @Test
    void variablesSetForTheChildArePassedPropertiesToo() {
        JvmResult result = echo("0").env("RESOLVECHAIN_LOOKUPTIMEOUT", "xyz").property("echo.property", "p").run().succeeded();

        assertTrue(result.stdoutLines().contains("env RESOLVECHAIN_LOOKUPTIMEOUT=xyz"), result::describe);
        assertTrue(result.stdoutLines().contains("env JAVA_TOOL_OPTIONS=null"), result::describe);
        assertTrue(result.stdoutLines().contains("property p"), result::describe);
    }

    @Test
    void linesComeAsTheyAreWrittenAndEachStreamApart() throws InterruptedException {
        List<String> errors = new CopyOnWriteArrayList<>();
        JvmResult result;
        try (RunningJvm child = echo("3").onStderr(errors::add).start()) {
            child.send("one");
            assertEquals("echo one", child.awaitLine("echo "));
            child.send("err two");
            child.send("three");
            child.awaitLines("echo three");
            result = child.finish();
        }

        assertEquals(3, result.exitCode());
        assertEquals(List.of("two"), errors);
        assertEquals(List.of("two"), result.stderrLines());
        assertTrue(result.stdout().endsWith("echo one\necho three\n"), result::describe);
        assertThrows(AssertionError.class, result::succeeded);
    }

    @Test
    void aChildThatOutlivesTheTimeoutIsKilledAndTheWaitFailsWithWhatItPrinted() throws InterruptedException {
        RunningJvm child = echo("0").timeout(Duration.ofSeconds(2)).start();
        child.send("before");
        child.awaitLine("echo before");
        child.send("hang");

        AssertionError failure = assertThrows(AssertionError.class, child::finish);

        assertTrue(failure.getMessage().startsWith("the child did not end within PT2S and was killed"), failure.getMessage());
        assertTrue(failure.getMessage().contains(EchoChild.class.getName()), "names the command: " + failure.getMessage());
        assertTrue(failure.getMessage().contains("echo before"), "shows the output: " + failure.getMessage());
        assertTrue(child.ended().toCompletableFuture().join().exitCode() != 0);
    }

    @Test
    void aLineThatNeverComesFailsOnceTheChildHasEnded() {
        RunningJvm child = echo("0").start();
        child.finish();

        AssertionError failure = assertThrows(AssertionError.class, () -> child.awaitLine("never"));
        assertTrue(failure.getMessage().startsWith("no line starting with 'never'"), failure.getMessage());
    }

    @Test
    void aScriptStartsTheJdksJavaWithTheOptionsOfTheLaunch() throws Exception {
        Path script = Files.writeString(dir.resolve("run.sh"),
                "exec \"$JAVA_HOME/bin/java\" -cp '" + JvmLaunch.codeSource(EchoChild.class) + "' " + EchoChild.class.getName() + " \"$@\"\n");

        JvmResult result = echo("0").property("echo.property", "through-the-script").script(script, "0").run().succeeded();

        assertTrue(result.stdoutLines().contains("property through-the-script"), result::describe);
        assertTrue(result.stdoutLines().get(0).matches("hosts-file .*resolvechain-jdk-hosts-.* 0 bytes"), result::describe);
        assertTrue(result.command().startsWith("sh " + script), result.command());
    }

    @Test
    void aJdkIsKnownByItsHome() {
        Jdk current = Jdk.current();
        assertEquals(current, Jdk.of(current.home()));
        assertEquals(current, Jdk.of(current.java()));
        assertEquals(System.getProperty("java.runtime.version"), current.runtimeVersion());
        assertFalse(new Jdk(17, dir).installed());
        assertThrows(IllegalArgumentException.class, () -> Jdk.of(dir));
    }
}
