package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that ends while a lookup waits on a silent server ends as soon as one without it: the
 * lookup's thread never sits in one long native receive, which hotspot waits for at exit (up to
 * 300 ms, daemon thread or not). The silent server is the local client with a 30 s
 * {@code local.timeout}: one query, and a long wait for it.
 */
class ExitIT {
    /** Hotspot waits 300 ms for a thread in a native call; far below, and far above scheduling noise. */
    private static final long HELD_MILLIS = 150;

    @TempDir
    Path dir;

    /** Milliseconds from the script's last line to the end of its process, with a lookup left waiting or not. */
    private long exitMillis(Jdk jdk, TestDnsServer silent, boolean lookupWaiting) throws InterruptedException {
        ChainFiles files = new ChainFiles(dir);
        TestJvm jvm = TestJvm.on(jdk, files).withAgent("local=" + silent.endpoint(), "local.domains=test", "local.timeout=30s",
                "lookupTimeout=30s", "log.level=warn");
        String[] commands = lookupWaiting
                ? new String[] {"background:waits.test", "sleep:300", "wall-clock"}
                : new String[] {"sleep:300", "wall-clock"};
        long childStamp;
        try (RunningJvm child = jvm.start(commands)) {
            String line = child.awaitLine("wall-clock -> ");
            childStamp = Long.parseLong(line.substring("wall-clock -> ".length()));
            child.finish().succeeded();
        }
        return System.currentTimeMillis() - childStamp;
    }

    @OnBothJdks
    void aLookupWaitingOnASilentServerDoesNotHoldTheJvmsExit(Jdk jdk) throws InterruptedException {
        try (TestDnsServer silent = TestDnsServer.start()) {
            silent.fault(Fault.drop());
            long idle = exitMillis(jdk, silent, false);
            long waiting = exitMillis(jdk, silent, true);

            assertTrue(silent.queryCount() > 0, "the background lookup asked the silent server");
            assertTrue(waiting - idle < HELD_MILLIS, "exit took " + waiting + " ms with a lookup waiting, " + idle + " ms without");
        }
    }
}
