package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Etcd;
import dev.resolvechain.testkit.EtcdExtension;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmResult;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent jar's {@code register}, {@code heartbeat} and {@code unregister} against etcd, as a container runs them:
 * a registration is the owner's key under a lease. With {@code --ttl} the command returns at once and the key lasts
 * the TTL unless {@code heartbeat} renews it; without, the command keeps the lease alive while it runs (its default
 * TTL, 10 s, renewed every third of it), a SIGTERM revokes it at once and a SIGKILL leaves it to expire. The key's
 * life is read from etcd itself.
 */
class EtcdCommandsIT {
    private static final long TTL_MILLIS = 2000;
    /** {@code register}'s lease when it keeps the registration alive itself. */
    private static final long KEPT_TTL_MILLIS = 10_000;
    /** For a loaded machine: the measured values are printed. */
    private static final long MARGIN_MILLIS = 3000;
    private static final Pattern LEASE = Pattern.compile("\\(lease (\\d+), ");

    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.single();

    @TempDir
    Path dir;

    @OnBothJdks
    void registerWithATtlLastsItsTtlUnlessHeartbeatRenewsItAndUnregisterEndsIt(Jdk jdk) throws Exception {
        EtcdAliases aliases = new EtcdAliases(ETCD.etcd(), new ChainFiles(dir));
        long droppedStart = System.currentTimeMillis();
        aliases.command(jdk, "register", "dropped", "192.0.2.42", "dropped", "--ttl", "2s").succeeded();
        long keptStart = System.currentTimeMillis();
        ScriptResult kept = aliases.command(jdk, "register", "kept", "192.0.2.41", "kept", "--ttl", "2s").succeeded();
        long keptReturned = System.currentTimeMillis();
        assertTrue(kept.stdout().startsWith("registered: " + aliases.key("kept") + " (lease ") && kept.stdout().contains(", 2 s unless heartbeat"),
                kept::describe);
        assertEquals("# registered by resolvechain register\n192.0.2.41 kept\n", aliases.get("kept"), "the alias file syntax");
        assertTrue(keptReturned - keptStart < 10_000, "the command returns, leaving the lease to its TTL: " + (keptReturned - keptStart) + " ms");

        // kept's heartbeats, one command after the other, for twice its TTL; dropped gets none
        AtomicBoolean beating = new AtomicBoolean(true);
        AtomicReference<Throwable> heartFailure = new AtomicReference<>();
        List<Long> beats = new ArrayList<>();
        Thread heart = new Thread(() -> {
            try {
                while (beating.get()) {
                    aliases.command(jdk, "heartbeat", "kept").succeeded();
                    synchronized (beats) {
                        beats.add(System.currentTimeMillis());
                    }
                }
            } catch (Throwable e) {
                heartFailure.set(e);
            }
        }, "heartbeats");
        heart.start();
        long droppedGone;
        try {
            droppedGone = awaitGone(aliases, "dropped", TTL_MILLIS + MARGIN_MILLIS + 2000);
            while (System.currentTimeMillis() < keptStart + 2 * TTL_MILLIS + 500) {
                Thread.sleep(50);
            }
        } finally {
            beating.set(false);
            heart.join(30_000);
        }
        if (heartFailure.get() != null) {
            throw new AssertionError("a heartbeat failed", heartFailure.get());
        }
        long keptChecked = System.currentTimeMillis();
        assertNotNull(aliases.get("kept"), "kept is renewed by its heartbeats (" + beats + ") " + (keptChecked - keptStart) + " ms after register");
        long droppedLived = droppedGone - droppedStart;
        System.out.printf("%s: register --ttl 2s returned after %d ms; without heartbeats the key was gone %d ms after the command started;"
                + " kept alive by %d heartbeats for %d ms%n", jdk, keptReturned - keptStart, droppedLived, beats.size(), keptChecked - keptStart);
        assertTrue(droppedLived >= TTL_MILLIS, "not before its TTL: " + droppedLived + " ms");
        assertTrue(droppedLived <= TTL_MILLIS + MARGIN_MILLIS + 2000, "gone after its TTL: " + droppedLived + " ms");

        ScriptResult late = aliases.command(jdk, "heartbeat", "dropped");
        assertEquals(1, late.exitCode(), late::describe);
        assertTrue(late.stderr().contains("resolvechain: owner dropped has no registration"), late::describe);

        ScriptResult unregistered = aliases.command(jdk, "unregister", "kept").succeeded();
        assertEquals("unregistered: kept", unregistered.stdout().strip());
        assertNull(aliases.get("kept"), "gone as the command returns");
        assertEquals("owner kept had no registration", aliases.command(jdk, "unregister", "kept").succeeded().stdout().strip());
    }

    @OnBothJdks
    void aRunningRegisterKeepsItsLeaseASigtermRevokesItASigkillLetsItExpire(Jdk jdk) throws Exception {
        EtcdAliases aliases = new EtcdAliases(ETCD.etcd(), new ChainFiles(dir));
        long killedRegistered;
        long killedAt;
        long stoppedRegistered;
        long renewedAfter;
        long stoppedAt;
        long stoppedGone;
        long killedGone;
        JvmResult stoppedResult;
        try (RunningJvm killed = aliases.startCommand(jdk, "register", "killed", "192.0.2.51", "killed");
             RunningJvm stopped = aliases.startCommand(jdk, "register", "stopped", "192.0.2.52", "stopped")) {
            killed.awaitLine("registered: " + aliases.key("killed") + " (lease ");
            killedRegistered = System.currentTimeMillis();
            assertNotNull(aliases.get("killed"));
            // SIGKILL: no shutdown hook runs, so nobody revokes the lease; it was never renewed, so it ends 10 s after the grant
            ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
            killedAt = System.currentTimeMillis();

            String line = stopped.awaitLine("registered: " + aliases.key("stopped") + " (lease ");
            stoppedRegistered = System.currentTimeMillis();
            assertTrue(line.endsWith("(lease " + lease(line) + ", TTL 10 s, renewed until this command stops)"), line);
            renewedAfter = awaitRenewal(lease(line), stoppedRegistered) - stoppedRegistered;

            // SIGTERM: the command's shutdown hook revokes the lease, and the key goes with it
            stoppedAt = System.currentTimeMillis();
            ProcessHandle.of(stopped.pid()).orElseThrow().destroy();
            stoppedGone = awaitGone(aliases, "stopped", KEPT_TTL_MILLIS + MARGIN_MILLIS);
            stoppedResult = stopped.finish();

            killedGone = awaitGone(aliases, "killed", KEPT_TTL_MILLIS + MARGIN_MILLIS);
        }
        System.out.printf("%s: a running register renewed its lease %d ms after registering; SIGTERM -> key gone after %d ms (exit status %d);"
                + " SIGKILL -> key gone after %d ms (%d ms after it was registered)%n", jdk, renewedAfter, stoppedGone - stoppedAt,
                stoppedResult.exitCode(), killedGone - killedAt, killedGone - killedRegistered);
        assertTrue(stoppedGone - stoppedAt <= MARGIN_MILLIS, "revoked at once, not left to expire: " + (stoppedGone - stoppedAt) + " ms\n"
                + stoppedResult.describe());
        assertTrue(killedGone - killedRegistered >= KEPT_TTL_MILLIS - 1000, "a killed register's key lives out its lease: gone after "
                + (killedGone - killedRegistered) + " ms");
        assertTrue(killedGone - killedRegistered <= KEPT_TTL_MILLIS + MARGIN_MILLIS, "and then ends: " + (killedGone - killedRegistered) + " ms");
    }

    private static long lease(String registered) {
        Matcher matcher = LEASE.matcher(registered);
        assertTrue(matcher.find(), registered);
        return Long.parseUnsignedLong(matcher.group(1));
    }

    /** When {@code owner}'s key was first seen gone (epoch ms), polled every 20 ms for at most {@code millis}. */
    private static long awaitGone(EtcdAliases aliases, String owner, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (aliases.get(owner) != null) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(owner + "'s key is still there after " + millis + " ms: " + aliases.get(owner));
            }
            Thread.sleep(20);
        }
        return System.currentTimeMillis();
    }

    /**
     * When the lease, granted at about {@code grantedMillis}, was seen renewed (epoch ms): when etcd says it has more time
     * left than it would have without a renewal. Polled every 200 ms for at most its TTL.
     */
    private static long awaitRenewal(long lease, long grantedMillis) throws InterruptedException {
        Pattern ttl = Pattern.compile("\"TTL\":\"(-?\\d+)\"");
        while (System.currentTimeMillis() < grantedMillis + KEPT_TTL_MILLIS) {
            String answer = ETCD.etcd().call("/v3/lease/timetolive", "{\"ID\":\"" + Long.toUnsignedString(lease) + "\"}");
            Matcher left = ttl.matcher(answer);
            long elapsed = System.currentTimeMillis() - grantedMillis;
            if (left.find() && Long.parseLong(left.group(1)) * 1000 > KEPT_TTL_MILLIS - elapsed + 1000) {
                return System.currentTimeMillis();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("lease " + lease + " was not renewed within its TTL");
    }
}
