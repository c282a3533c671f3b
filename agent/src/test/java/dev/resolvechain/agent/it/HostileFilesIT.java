package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM under the agent whose files were written by a careless or hostile neighbour: FIFOs where
 * files should be, endless devices, alias files far past their cap, floods of bad lines, a link to
 * another user's secret. The application reaches {@code main} and its lookups answer from what is
 * good; what was refused is named on stderr in a few lines and its content never printed.
 */
class HostileFilesIT {
    private static final String SECRET = "s3cr3t-hash-of-root";
    /** Far more than a JVM in trouble needs to start; a blocked premain would never end. */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private ChainFiles files() {
        return new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a");
    }

    private static void mkfifo(Path path) {
        run("mkfifo", path.toString());
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            assertEquals(0, process.waitFor(), String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code count} legal lines, each a name of its own: about 30 bytes a line. */
    static void legalAliases(Path file, int count) {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                out.write("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + " generated-" + i + ".svc\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @OnBothJdks
    void fifosAndEndlessDevicesNeitherHoldMainNorHideTheGoodFiles(Jdk jdk) {
        ChainFiles files = files();
        mkfifo(files.aliases.resolve("evil.hosts"));
        Path hostsFifo = dir.resolve("hosts.fifo");
        mkfifo(hostsFifo);

        ScriptResult result = TestJvm.on(jdk, files).withAgent("hostsFile=" + hostsFifo, "resolvConf=/dev/zero", "log.level=warn")
                .timeout(LIMIT).script("all:svc-a").succeeded();

        assertEquals("10.9.8.7", result.answer("all:svc-a"), result::describe);
        String stderr = result.stderr();
        assertTrue(stderr.contains("evil.hosts is a FIFO, a socket or a device, not a regular alias file: not read"), result::describe);
        assertTrue(stderr.contains(hostsFifo + " is a FIFO, a socket or a device"), result::describe);
        assertTrue(stderr.contains("/dev/zero is a FIFO, a socket or a device"), result::describe);
    }

    /** The symbolic link leads to a file only its owner may read: not one of its lines is printed, by the agent or by the commands. */
    @OnBothJdks
    void aLinkToAnotherUsersSecretIsRefusedAndNeverEchoed(Jdk jdk) throws IOException {
        ChainFiles files = files();
        Path secret = dir.resolve("shadow");
        Files.write(secret, List.of("root:" + SECRET + ":19000:0:99999:7:::", "10.6.6.6 svc-a"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        run("chown", "nobody", secret.toString());
        Files.createSymbolicLink(files.aliases.resolve("leak.hosts"), secret);

        ScriptResult agent = TestJvm.on(jdk, files).withAgent("log.level=info").timeout(LIMIT).script("all:svc-a").succeeded();
        AliasCommands cli = new AliasCommands(jdk, files);
        ScriptResult check = cli.run("check");
        ScriptResult explain = cli.run("explain", "svc-a", "--json").succeeded();

        assertEquals("10.9.8.7", agent.answer("all:svc-a"), "the secret's line was not read: " + agent.describe());
        assertTrue(agent.stderr().contains("leak.hosts is a symbolic link to " + secret + ", outside the alias directory"), agent::describe);
        assertTrue(check.stdout().contains("leak.hosts"), "check names the refused file\n" + check.describe());
        for (ScriptResult result : List.of(agent, check, explain)) {
            assertFalse(result.stdout().contains(SECRET) || result.stderr().contains(SECRET), result::describe);
            assertFalse(result.stdout().contains("10.6.6.6") || result.stderr().contains("10.6.6.6"), result::describe);
        }
    }

    /**
     * A legal alias file of 16 MiB (half a million names) at start, in a JVM of 128 MiB: refused unread by
     * the default cap, with an error naming the file and the cap. With the cap raised the names need
     * more memory than the JVM has (about 250 MiB): the JVM runs on all the same, and says why.
     */
    @OnBothJdks
    void aSixteenMebibyteAliasFileInASmallHeapIsRefusedByTheCapOrReportedAndTheJvmRuns(Jdk jdk) {
        ChainFiles files = files().jdkHosts("10.3.3.3 jdk-only");
        Path big = files.aliases.resolve("big.hosts");
        legalAliases(big, 560_000);

        ScriptResult capped = TestJvm.on(jdk, files).withAgent("log.level=warn").option("-Xmx128m").timeout(LIMIT)
                .script("all:svc-a", "all:generated-7.svc").succeeded();
        ScriptResult raised = TestJvm.on(jdk, files).withAgent("log.level=warn", "aliases.maxFileSize=32m").option("-Xmx128m")
                .timeout(LIMIT).script("one:jdk-only", "all:generated-559999.svc").succeeded();

        assertEquals("10.9.8.7", capped.answer("all:svc-a"), capped::describe);
        assertTrue(capped.failure("all:generated-7.svc").startsWith("java.net.UnknownHostException"), capped::describe);
        assertTrue(capped.stderr().contains(big + " is ") && capped.stderr().contains("more than aliases.maxFileSize (4 MiB)"),
                capped::describe);
        assertTrue(raised.outcomes("one:jdk-only").size() == 1, "the application ran: " + raised.describe());
        assertTrue(raised.stderr().contains("out of memory") || raised.stderr().contains("more aliases than this JVM's memory holds"),
                raised::describe);
    }

    /** Files that would have killed the watcher arrive while the JVM runs; a later change is still seen. */
    @OnBothJdks
    void theWatcherOutlivesHostileFilesAddedAtRunTime(Jdk jdk) throws InterruptedException {
        ChainFiles files = files();
        try (RunningJvm child = TestJvm.on(jdk, files).withAgent("log.level=warn").timeout(LIMIT).start("watch:all=svc-a")) {
            child.awaitLine(Watched.line("all=svc-a", "10.9.8.7"));
            legalAliases(files.aliases.resolve("big.hosts"), 560_000);
            mkfifo(files.aliases.resolve("evil.hosts"));
            files.alias("web.hosts", "10.9.8.8 svc-a");
            child.awaitLine(Watched.line("all=svc-a", "10.9.8.8"));
            ScriptResult result = new ScriptResult(child.finish()).succeeded();
            assertTrue(result.stderr().contains("big.hosts is "), result::describe);
            assertTrue(result.stderr().contains("evil.hosts is a FIFO"), result::describe);
        }
    }

    /**
     * 2 MB of lines that do not parse: a few lines on stderr, not a million. What they add to start-up
     * is printed, not asserted (the bound is 1 s; a loaded machine stretches any wall time).
     */
    @OnBothJdks
    void aFloodOfBadLinesGivesAFewEscapedLines(Jdk jdk) throws IOException {
        ChainFiles files = files();
        long quiet = startMillis(jdk, files);
        try (BufferedWriter out = Files.newBufferedWriter(files.aliases.resolve("bad.hosts"))) {
            for (int i = 0; i < 200_000; i++) {
                out.write("\u001b[31mnot-an-address\n");
            }
        }
        long flooded = startMillis(jdk, files);
        ScriptResult result = TestJvm.on(jdk, files).withAgent("log.level=warn").timeout(LIMIT).script("all:svc-a").succeeded();

        System.out.printf("%s: start with a 2 MB file of bad lines %d ms, without %d ms%n", jdk, flooded, quiet);
        assertEquals("10.9.8.7", result.answer("all:svc-a"), result::describe);
        assertTrue(result.stderrLines().size() <= 10, result::describe);
        assertTrue(result.stderr().contains("more lines that do not parse"), result::describe);
        assertFalse(result.stderr().contains("\u001b"), "control characters are escaped\n" + result.describe());
    }

    private long startMillis(Jdk jdk, ChainFiles files) {
        long start = System.nanoTime();
        TestJvm.on(jdk, files).withAgent("log.level=warn").timeout(LIMIT).script("all:svc-a").succeeded();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
