package dev.resolvechain.alias.etcd;

import dev.resolvechain.Log;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.files.Problem;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the registry current with an etcd prefix, on one daemon thread: loads the prefix at one
 * revision, then watches it from the next, applying each watch response as it comes. When a member
 * fails, the stream ends or goes quiet and the member does not answer a probe, it keeps answering from
 * what it has, waits (100 ms, doubling to 5 s, with jitter so that many JVMs do not return together),
 * and goes on from its revision on another member; a revision compacted away, or another cluster,
 * means loading the prefix again, which changes only the owners that differ.
 */
final class EtcdFollower implements Runnable {
    /** A watch quiet this long has its member asked whether it is alive and has a leader. */
    static final int IDLE_PROBE_MILLIS = 3000;
    /** Changes are written to the snapshot at most this often. */
    static final long SNAPSHOT_EVERY_MILLIS = 5000;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final EtcdGateway gateway;
    private final EtcdOwners owners;
    private final AliasRegistry registry;
    private final EtcdSnapshot snapshot;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile EtcdConnection watch;
    private volatile Thread thread;
    private long revision;
    private String clusterId;
    private boolean reload = true;
    private long backoffMillis = MIN_BACKOFF_MILLIS;
    private String startedFrom = "no aliases yet";
    private Problem unreachable;
    private long snapshotWrittenAt;
    private boolean snapshotBehind;
    /** The snapshot file's newer revision is of a state etcd went back from: overwrite it. */
    private boolean snapshotReplaced;

    /** {@code snapshot}: where the state is kept for a start while etcd is down; null: nowhere. */
    EtcdFollower(EtcdGateway gateway, EtcdOwners owners, AliasRegistry registry, EtcdSnapshot snapshot) {
        this.gateway = gateway;
        this.owners = owners;
        this.registry = registry;
        this.snapshot = snapshot;
    }

    /** Before the thread starts: answers from {@code contents} until etcd is reached. */
    void startFrom(EtcdSnapshot.Contents contents) {
        owners.load(contents.load().kvs());
        clusterId = contents.load().clusterId();
        revision = contents.load().revision(); // etcd behind it (restored from a backup) must replace it, not be ignored
        startedFrom = "answering from the snapshot " + snapshot.file() + " of revision " + contents.load().revision() + " written at "
                + contents.written();
        Log.info("aliases: " + owners.size() + " owners from the snapshot " + snapshot.file() + " (revision " + contents.load().revision()
                + " of " + gateway.location() + ", written at " + contents.written() + ") until etcd answers");
    }

    /** Loads the prefix once, on this thread ({@code check}). */
    void loadOnce() throws IOException {
        loadAll();
        publishProblems();
    }

    void start() {
        Thread started = new Thread(this, "resolvechain-etcd");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Waits until the first load succeeded or failed, at most {@code millis}. */
    void awaitFirstAttempt(long millis) {
        try {
            firstAttempt.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            followUntilClosed();
        } finally {
            gateway.close();
        }
    }

    private void followUntilClosed() {
        while (!closed) {
            try {
                if (reload) {
                    loadAll();
                    following();
                }
                firstAttempt.countDown();
                follow();
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                cannotFollow(e);
                firstAttempt.countDown();
                gateway.nextMember();
                pause();
            }
        }
    }

    private void loadAll() throws IOException {
        EtcdPrefix.Load load = EtcdPrefix.load(gateway, gateway.location());
        if (clusterId != null && !clusterId.equals(load.clusterId()) || load.revision() < revision) {
            Log.info("aliases: " + gateway.location() + " is another cluster now (id " + load.clusterId() + ", revision " + load.revision()
                    + "): its registrations replace those of revision " + revision);
            owners.forgetRevisions();
            snapshotReplaced = true;
        }
        owners.load(load.kvs());
        revision = load.revision();
        clusterId = load.clusterId();
        reload = false;
        snapshotBehind = true;
        writeSnapshot();
    }

    private void follow() throws IOException {
        EtcdConnection stream = gateway.stream("watch", EtcdPrefix.watchRequest(gateway.location(), revision + 1));
        watch = stream;
        try {
            while (!closed) {
                String line;
                try {
                    line = stream.nextLine(IDLE_PROBE_MILLIS);
                } catch (SocketTimeoutException quiet) {
                    probe(stream.member());
                    writeSnapshot();
                    continue;
                } catch (EtcdException e) {
                    // a catch-up too large for one line comes again on every resume: the prefix is loaded page by page instead
                    reload |= e.code() == EtcdException.RESOURCE_EXHAUSTED;
                    throw e;
                }
                if (line == null) {
                    throw new EOFException("member " + stream.member() + " ended the watch");
                }
                if (!apply(EtcdPrefix.watched(line), stream.member())) {
                    return;
                }
            }
        } finally {
            watch = null;
            EtcdGateway.closeQuietly(stream);
        }
    }

    /** Applies one watch response; false when the prefix must be loaded again. */
    private boolean apply(EtcdPrefix.Watched watched, String member) throws EtcdException {
        boolean behind = watched.headerRevision() > 0 && watched.headerRevision() < revision; // restored from a backup, or lagging
        if (watched.compactRevision() > 0 || behind || watched.clusterId() != null && clusterId != null && !watched.clusterId().equals(clusterId)) {
            Log.info("aliases: " + (watched.compactRevision() > 0 ? "etcd compacted its history past revision " + revision
                    : behind ? "member " + member + " is at revision " + watched.headerRevision() + ", behind " + revision
                    : "member " + member + " is of another cluster") + "; loading " + gateway.location() + " again");
            if (behind) {
                gateway.nextMember(); // a member that lags may still lag: the load goes through the leader, the watch elsewhere
            }
            reload = true;
            return false;
        }
        if (watched.cancelReason() != null) {
            EtcdException cancelled = new EtcdException("member " + member + " cancelled the watch: " + EtcdException.excerpt(watched.cancelReason()));
            if (cancelled.needsNewToken()) {
                gateway.forgetToken(); // expired while no call renewed it: the next watch authenticates again
            }
            throw cancelled;
        }
        if (watched.created()) {
            backoffMillis = MIN_BACKOFF_MILLIS;
            following();
        }
        if (!watched.puts().isEmpty() || !watched.deletes().isEmpty()) {
            owners.change(watched.puts(), watched.deletes());
            revision = Math.max(revision, watched.lastEventRevision());
            snapshotBehind = true;
            publishProblems();
        } else if (watched.progressOnly()) {
            revision = Math.max(revision, watched.headerRevision());
        }
        if (System.currentTimeMillis() - snapshotWrittenAt >= SNAPSHOT_EVERY_MILLIS) {
            writeSnapshot();
        }
        return true;
    }

    /** A watch gone quiet: is its member alive, and does it have a leader? If not, the watch moves to another member. */
    private void probe(String member) throws EtcdException {
        Map<String, Object> status = gateway.call("maintenance/status", Map.of());
        if (!member.equals(gateway.memberInUse())) {
            throw new EtcdException("member " + member + " did not answer a probe (the watch moves to " + gateway.memberInUse() + ")");
        }
        if (!status.containsKey("leader")) {
            throw new EtcdException("member " + member + " has no leader");
        }
    }

    private void following() {
        if (unreachable != null || startedFrom != null) {
            Log.info("aliases: following " + gateway.location() + " on member " + gateway.memberInUse() + " from revision " + revision
                    + " (" + owners.size() + " owners)");
        }
        unreachable = null;
        startedFrom = null;
        publishProblems();
    }

    private void cannotFollow(Exception e) {
        String cause = e instanceof EtcdException ? e.getMessage() : EtcdGateway.describe(e instanceof IOException io ? io : new IOException(e));
        Log.debug("aliases: etcd: " + cause + "; trying again in " + backoffMillis + " ms");
        if (unreachable == null) {
            String state = startedFrom != null ? startedFrom : "answering from revision " + revision + " as it was at " + Instant.now();
            unreachable = new Problem(gateway.location().toString(), 0, "etcd cannot be followed (" + cause + "): " + state);
            publishProblems();
        }
    }

    private void publishProblems() {
        List<Problem> problems = new ArrayList<>(owners.keyProblems());
        if (unreachable != null) {
            problems.add(0, unreachable);
        }
        registry.sourceProblems(problems);
    }

    private void writeSnapshot() {
        if (snapshot == null || !snapshotBehind || revision == 0) {
            return;
        }
        try {
            snapshot.write(new EtcdPrefix.Load(owners.inForce(), revision, clusterId), snapshotReplaced);
            snapshotReplaced = false;
        } catch (IOException | RuntimeException e) {
            Log.warn("aliases: the snapshot " + snapshot.file() + " cannot be written (a JVM starting while etcd is down will lack it): " + e);
        }
        snapshotBehind = false;
        snapshotWrittenAt = System.currentTimeMillis();
    }

    private void pause() {
        try {
            Thread.sleep(backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2 + 1));
        } catch (InterruptedException e) {
            return; // closing
        }
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    }

    void close() {
        closed = true;
        EtcdGateway.closeQuietly(watch);
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
