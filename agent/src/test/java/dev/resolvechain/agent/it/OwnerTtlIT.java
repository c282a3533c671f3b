package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aliases.ownerTtl}: an owner that crashed (stopped refreshing its registration) stops being
 * answered once its file is older than the ttl, without anybody removing the file; a heartbeat
 * brings it back. The heartbeats are the agent jar's {@code heartbeat} command, as a container runs it.
 */
class OwnerTtlIT {
    private static final String A = "192.0.2.10";
    private static final String B = "192.0.2.20";
    private static final String BOTH = A + "," + B;
    private static final long TTL_MILLIS = 2000;
    private static final long POLL_MILLIS = 500; // the default aliases.poll
    /** For a loaded machine; the measured values are printed. */
    private static final long MARGIN_MILLIS = 1500;

    @TempDir
    Path dir;

    @OnBothJdks
    void aCrashedOwnerDisappearsAfterTheTtlAndComesBackWithAHeartbeat(Jdk jdk) throws Exception {
        ChainFiles files = new ChainFiles(dir);
        AliasCommands cli = new AliasCommands(jdk, files);
        cli.register("web-a", A, "web");
        cli.register("web-b", B, "web");
        AtomicBoolean beating = new AtomicBoolean(true);
        AtomicBoolean beatingB = new AtomicBoolean(true);
        AtomicReference<Throwable> heartFailure = new AtomicReference<>();
        Thread heart = new Thread(() -> {
            try {
                while (beating.get()) { // web-a is alive throughout; web-b until it "crashes"
                    cli.heartbeat("web-a");
                    synchronized (beatingB) {
                        if (beatingB.get()) {
                            cli.heartbeat("web-b");
                        }
                    }
                }
            } catch (Throwable e) {
                heartFailure.set(e);
            }
        }, "heartbeats");
        long lastB;
        long back;
        ScriptResult result;
        TestJvm jvm = TestJvm.on(jdk, files).withAgent("log.level=warn", "aliases.ownerTtl=" + TTL_MILLIS + "ms")
                .timeout(Duration.ofSeconds(60));
        heart.start();
        try (RunningJvm child = jvm.start("watch:all=web")) {
            child.awaitLine(Watched.line("all=web", BOTH));
            synchronized (beatingB) { // web-b crashes after one last sign of life, at a known time
                beatingB.set(false);
                lastB = cli.heartbeat("web-b");
            }
            child.awaitLine(Watched.line("all=web", A));
            Thread.sleep(500);
            back = cli.heartbeat("web-b");
            child.awaitLine(Watched.line("all=web", BOTH));
            Thread.sleep(300);
            result = new ScriptResult(child.finish()).succeeded();
        } finally {
            beating.set(false);
            heart.join(30_000);
        }
        if (heartFailure.get() != null) {
            throw new AssertionError("a heartbeat failed", heartFailure.get());
        }

        Watched web = Watched.of(result, "all=web");
        assertEquals(List.of(BOTH, A, BOTH), web.answers(), "both; web-a only once web-b is stale; both after its heartbeat\n"
                + result.describe());
        long hidden = web.firstSeen(A, 0) - lastB;
        long returned = web.latency(BOTH, back);
        System.out.printf("%s: web-b hidden %d ms after its last heartbeat (ownerTtl %d ms); back %d ms after a new heartbeat%n",
                jdk, hidden, TTL_MILLIS, returned);
        assertTrue(hidden > TTL_MILLIS, "not hidden before the ttl: " + hidden + " ms");
        assertTrue(hidden <= TTL_MILLIS + POLL_MILLIS + MARGIN_MILLIS, "hidden within ttl + poll + margin: " + hidden + " ms");
        assertTrue(returned <= POLL_MILLIS + MARGIN_MILLIS, "back within poll + margin: " + returned + " ms");
    }
}
