package dev.resolvechain.local;

import dev.resolvechain.Log;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Whether the local client is up, from what the lookups and the probe see of it.
 *
 * <pre>
 *   up (n failures in a row) --failure, n+1 &lt; threshold--&gt; up (n+1)
 *   up (n failures in a row) --failure, n+1 &gt;= threshold--&gt; down (since now): the probe thread starts
 *   down --probe fails--&gt; down (one failure more)
 *   up or down --a final answer (NOERROR, NXDOMAIN) to a lookup or the probe--&gt; up (0): the probe thread ends
 * </pre>
 *
 * A client not heard from yet is up with no failure: nothing is known against it. While down,
 * lookups do not ask it; one daemon thread, which exists only then, probes it every
 * {@link #PROBE_INTERVAL}. State reads take no lock; changes are made under this object's monitor,
 * which lookups waiting for the client ({@link #awaitUp}) wait on.
 */
final class LocalHealth implements AutoCloseable {

    /** One cheap query to the client: null when it gave a final answer, else what went wrong. */
    interface Probe {
        String problem();
    }

    /**
     * Two failures in a row mark the client down. On loopback a lost datagram is rare, so one
     * failure is a real sign, but a single slow answer (a pause of the client) should not take it
     * out; two bound what its death costs the lookups to two of {@code local.timeout} before they
     * skip it (fewer, when lookups overlap).
     */
    static final int FAILURE_THRESHOLD = 2;
    /** How often a client that is down is probed: back in use at most this long after it answers again. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

    private static final class Clock {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    }

    /**
     * @param failures        failures in a row (lookups and probes) since the last answer
     * @param downSinceMillis wall clock time it went down, for messages; meaningful when {@code down}
     * @param lastFailure     System.nanoTime of the last failure; meaningful when {@code failedEver}
     */
    private record State(boolean down, int failures, String lastProblem, long downSinceMillis, long downSinceNanos,
                         boolean failedEver, long lastFailure, boolean answeredEver) {
        static final State FIRST = new State(false, 0, null, 0, 0, false, 0, false);

        State answered() {
            return new State(false, 0, lastProblem, 0, 0, failedEver, lastFailure, true);
        }

        State failed(String problem, int threshold, long now) {
            boolean nowDown = down || failures + 1 >= threshold;
            return new State(nowDown, failures + 1, problem, down ? downSinceMillis : System.currentTimeMillis(),
                    down ? downSinceNanos : now, true, now, answeredEver);
        }
    }

    private final String client;
    private final Probe probe;
    private volatile State state = State.FIRST;
    /** The probe thread: set when the client goes down, cleared by the thread as it ends. Guarded by this. */
    private Thread prober;
    private boolean closed;

    /** @param client how messages name the client, e.g. {@code local client 127.0.0.1:53} */
    LocalHealth(String client, Probe probe) {
        this.client = client;
        this.probe = probe;
    }

    boolean down() {
        return state.down;
    }

    /** The client gave a final answer: it is up. */
    void answered() {
        State current = state;
        if (!current.down && current.failures == 0 && current.answeredEver) {
            return;
        }
        synchronized (this) {
            if (state.down) {
                Log.info(client + " answers again; down for " + seconds(System.nanoTime() - state.downSinceNanos));
            }
            state = state.answered();
            notifyAll();
        }
    }

    /**
     * The client failed a query; with {@code threshold} failures in a row it is down, and the probe
     * starts. Returns true when this failure marked it down.
     */
    synchronized boolean failed(String problem, int threshold) {
        State before = state;
        state = before.failed(problem, threshold, System.nanoTime());
        if (before.down || !state.down) {
            return false;
        }
        Log.warn(client + " is down (" + state.failures + (state.failures == 1 ? " failure: " : " failures in a row, the last: ")
                + problem + "); lookups skip it until it answers a probe (every " + PROBE_INTERVAL.toMillis() + " ms)");
        if (!closed && prober == null) { // else the probe thread, about to end, sees the client down and goes on
            prober = new Thread(this::probeWhileDown, "resolvechain-local-probe");
            prober.setDaemon(true);
            prober.start();
        }
        return true;
    }

    /** Whether the client failed less than {@code nanos} ago. */
    boolean failedWithin(long nanos) {
        State current = state;
        return current.failedEver && System.nanoTime() - current.lastFailure < nanos;
    }

    /** Nanoseconds since the last failure; only meaningful when it failed at all. */
    long sinceLastFailure() {
        return System.nanoTime() - state.lastFailure;
    }

    /**
     * Waits until the client is up, {@code untilNanos} (System.nanoTime) or close; returns whether it
     * is up. An interrupt ends the wait and is kept.
     */
    synchronized boolean awaitUp(long untilNanos) {
        long left;
        while (state.down && !closed && (left = untilNanos - System.nanoTime()) > 0) {
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return !state.down;
    }

    /**
     * {@code down since 12:00:01.234 (2.1 s ago; 3 failures in a row, the last: port unreachable)},
     * or {@code up}, or {@code up (1 failure: ...; down at 2)}, or {@code not asked yet}.
     */
    String describe() {
        State current = state;
        if (current.down) {
            return "down since " + since(current) + " (" + seconds(System.nanoTime() - current.downSinceNanos) + " ago; "
                    + (current.failures == 1 ? "1 failure" : current.failures + " failures in a row") + ", the last: " + current.lastProblem + ")";
        }
        if (current.failures == 0) {
            return current.answeredEver ? "up" : "not asked yet";
        }
        return "up (" + current.failures + " failure" + (current.failures == 1 ? "" : "s")
                + ": " + current.lastProblem + "; down at " + FAILURE_THRESHOLD + ")";
    }

    /**
     * After a failure of a lookup, which the caller reports itself: {@code 1 failure in a row, down at 2},
     * or {@code down since 12:00:01.234 (2 failures in a row): skipped until it answers a probe}.
     */
    String describeAfterFailure() {
        State current = state;
        String failures = current.failures == 1 ? "1 failure" : current.failures + " failures in a row";
        return current.down ? "down since " + since(current) + " (" + failures + "): skipped until it answers a probe"
                : failures + ", down at " + FAILURE_THRESHOLD;
    }

    private static String since(State state) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(state.downSinceMillis), ZoneId.systemDefault()).format(Clock.TIME);
    }

    /** {@code 1.2 s}. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Whether the probe thread is running (for tests). */
    synchronized boolean probing() {
        return prober != null && prober.isAlive();
    }

    /** Stops the probe (within one probe's time) and wakes every waiting lookup. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = prober;
            notifyAll();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(PROBE_INTERVAL.toMillis() * 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Probes every interval, the first one interval after the failure that marked the client down. */
    private void probeWhileDown() {
        long next = System.nanoTime() + PROBE_INTERVAL.toNanos();
        while (stillProbing()) {
            long wait = next - System.nanoTime();
            if (wait > 0 && !sleep(wait) && !stillProbing()) {
                return;
            }
            next = System.nanoTime() + PROBE_INTERVAL.toNanos();
            String problem = probeOnce();
            if (!stillProbing()) {
                return; // a lookup got an answer meanwhile, or closed: this probe's result is old news
            }
            if (problem == null) {
                answered();
            } else {
                failed(problem, FAILURE_THRESHOLD);
            }
        }
    }

    private String probeOnce() {
        try {
            return probe.problem();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** Whether the probe goes on; if not, the calling probe thread gives up its place (and must end). */
    private synchronized boolean stillProbing() {
        if (!closed && state.down) {
            return true;
        }
        prober = null;
        return false;
    }

    private static boolean sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
