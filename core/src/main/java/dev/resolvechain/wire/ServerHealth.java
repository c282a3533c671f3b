package dev.resolvechain.wire;

import dev.resolvechain.Log;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What lookups have seen of one nameserver: its failures in a row, whether that made it down, and
 * how long it takes to answer (a smoothed round-trip time and its variation, as TCP keeps them,
 * RFC 6298). A server that failed {@code maxFails} lookups in a row (timed out, refused, SERVFAIL,
 * unreachable) is down: lookups ask it last, and a probe ({@link Nameservers}) watches for its
 * return. Any answer to a lookup brings it back at once.
 *
 * <p>The retry interval, how long a lookup waits for this server before it asks the next one (and
 * keeps listening to this one), is its usual answer time with room to spare: srtt + 4 rttvar, at
 * least {@link #MIN_RETRY}; {@link #INITIAL_RETRY} before it ever answered.
 */
public final class ServerHealth {
    /** Before a server has answered: long enough for a distant server, short enough to try three in a second. */
    static final long INITIAL_RETRY_NANOS = 250_000_000L;
    /** The shortest retry interval: a loopback server answers in well under a millisecond, a datagram lost needs no less. */
    static final long MIN_RETRY_NANOS = 50_000_000L;
    static final long WARN_SPACING_NANOS = 60_000_000_000L;

    private final Endpoint server;
    private final int maxFails;
    private final Nameservers book;
    private volatile boolean down;
    private int failures;
    private String lastProblem;
    /** It went down answering errors (SERVFAIL, REFUSED): only a probe it answers otherwise brings it back. */
    private boolean downForErrors;
    /** Going down is logged at most once a minute per server (loss makes a server go down and come back every few seconds). */
    private long lastWarnNanos;
    private boolean warned;
    private boolean downWarned;
    private int quietDowns;
    private long downSinceMillis;
    private long downSinceNanos;
    /** Smoothed round-trip time and its mean deviation, nanoseconds; -1 before the first sample. */
    private long srttNanos = -1;
    private long rttvarNanos;

    ServerHealth(Endpoint server, int maxFails, Nameservers book) {
        this.server = server;
        this.maxFails = maxFails;
        this.book = book;
    }

    public Endpoint server() {
        return server;
    }

    public boolean down() {
        return down;
    }

    /** How long a lookup gives this server before asking the next one, never more than {@code tryTimeoutNanos}. */
    synchronized long retryNanos(long tryTimeoutNanos) {
        long usual = srttNanos < 0 ? INITIAL_RETRY_NANOS : Math.max(MIN_RETRY_NANOS, srttNanos + 4 * rttvarNanos);
        return Math.min(tryTimeoutNanos, usual);
    }

    /** The server answered a lookup's query (any final answer, even NXDOMAIN) after {@code rttNanos}: it is up. */
    void answered(long rttNanos) {
        boolean wasDown;
        synchronized (this) {
            sample(rttNanos);
            wasDown = down;
            failures = 0;
            down = false;
        }
        if (wasDown) {
            String message = "nameserver " + server + " answers again; it was down for " + seconds(System.nanoTime() - downSinceNanos);
            if (downWarned) {
                Log.info(message);
            } else {
                Log.debug(message);
            }
        }
    }

    /**
     * A probe got a response within the retry interval; {@code serves}: not SERVFAIL or REFUSED.
     * Returns whether that brings the server back: any response does for a server that went down
     * silent, only a serving one for a server that went down answering errors (else it would come
     * back at every probe and go down again at the next lookups).
     */
    boolean probeAnswered(boolean serves) {
        synchronized (this) {
            if (downForErrors && !serves) {
                return false;
            }
        }
        answered(-1);
        return true;
    }

    /** The server failed a lookup: {@code problem} says how. With {@code maxFails} failures in a row it is down. */
    void failed(String problem, boolean responded) {
        boolean wentDown = false;
        int quietBefore = -1; // -1: this one is logged at debug
        synchronized (this) {
            failures++;
            lastProblem = problem;
            if (!down && failures >= maxFails) {
                down = true;
                wentDown = true;
                downForErrors = responded;
                downSinceMillis = System.currentTimeMillis();
                downSinceNanos = System.nanoTime();
                downWarned = !warned || downSinceNanos - lastWarnNanos >= WARN_SPACING_NANOS;
                if (downWarned) {
                    warned = true;
                    lastWarnNanos = downSinceNanos;
                    quietBefore = quietDowns;
                    quietDowns = 0;
                } else {
                    quietDowns++;
                }
            }
        }
        if (wentDown) {
            String message = "nameserver " + server + " is down (" + failures + " failures in a row, the last: " + problem
                    + "); lookups ask it last until it answers a probe (every " + Nameservers.PROBE_INTERVAL.toMillis() + " ms)";
            if (quietBefore < 0) {
                Log.debug(message);
            } else {
                Log.warn(quietBefore == 0 ? message : message + "; it went down " + quietBefore + " more times since the last warning");
            }
            book.wentDown();
        }
    }

    /** RFC 6298's update; a negative sample (a probe) is no sample: probes are not lookups, and a slow probe is not usual. */
    private void sample(long rttNanos) {
        if (rttNanos < 0) {
            return;
        }
        if (srttNanos < 0) {
            srttNanos = rttNanos;
            rttvarNanos = rttNanos / 2;
        } else {
            rttvarNanos = (3 * rttvarNanos + Math.abs(srttNanos - rttNanos)) / 4;
            srttNanos = (7 * srttNanos + rttNanos) / 8;
        }
    }

    /**
     * {@code up (answers in 0.4 ms)}, {@code up (1 failure: timed out; down at 2)}, or
     * {@code down since 12:00:01.234 (3.1 s ago; 2 failures in a row, the last: timed out after 250 ms)}.
     */
    public synchronized String describe() {
        String usual = srttNanos < 0 ? "not answered yet" : "answers in " + millis(srttNanos);
        if (down) {
            LocalTime since = LocalTime.ofInstant(Instant.ofEpochMilli(downSinceMillis), ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
            return "down since " + since + " (" + seconds(System.nanoTime() - downSinceNanos) + " ago; " + failures
                    + (failures == 1 ? " failure" : " failures in a row") + ", the last: " + lastProblem + ")";
        }
        if (failures > 0) {
            return "up (" + failures + (failures == 1 ? " failure" : " failures in a row") + ": " + lastProblem + "; down at " + maxFails + ")";
        }
        return "up (" + usual + ")";
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    @Override
    public String toString() {
        return server + " " + describe();
    }

    /** For a probe: how long a lookup would wait for this server before asking the next. */
    Duration retryInterval(Duration tryTimeout) {
        return Duration.ofNanos(retryNanos(tryTimeout.toNanos()));
    }
}
