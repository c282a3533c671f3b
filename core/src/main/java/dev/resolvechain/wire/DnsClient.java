package dev.resolvechain.wire;

import dev.resolvechain.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks DNS servers on the caller's thread, over connected UDP sockets with OS-chosen ports and
 * random ids (for a server on loopback, kept sockets: see {@link KeptSockets}), all questions of a
 * lookup (A and AAAA) back to back. What one lookup does is the {@link Exchange}'s; when to give
 * up on a server and ask the next is this client's:
 *
 * <ul>
 * <li>With {@link Nameservers} (the host tier): servers that are up are asked first, in their order
 *     (rotated with {@code rotate}), then those down. The next server is asked once the current one
 *     has not answered within its retry interval (its usual answer time with room to spare,
 *     {@link ServerHealth}), longer by half with each query sent to it in the lookup, never above the
 *     try timeout; round after round, while the lookup has time. Every server that fails a lookup,
 *     or answers, is told to its health.
 * <li>Without (the local client): each server is given the try timeout, for {@code attempts} rounds,
 *     as glibc gives it.
 * </ul>
 *
 * Either way a lookup ends by its deadline, or sooner when glibc would have given up: after
 * {@code attempts} rounds of glibc's try timeouts ({@link #budgetNanos}).
 */
public final class DnsClient {
    private final List<Endpoint> servers;
    /** Per server, in the order of {@link #servers}: its kept sockets when it is on loopback, else null. */
    private final KeptSockets[] keptSockets;
    private final KeptSockets.Waiters waiters = new KeptSockets.Waiters();
    private final long tryTimeoutNanos;
    private final int attempts;
    private final boolean rotate;
    private final Nameservers health;
    private final AtomicInteger rotation = new AtomicInteger();

    /** A client of fixed tries (the local client's): see the class comment. */
    public DnsClient(List<Endpoint> servers, Duration timeout, int attempts, boolean rotate) {
        this(servers, timeout, attempts, rotate, null);
    }

    /**
     * @param timeout  the try timeout: the longest one server is waited for before the next is asked
     * @param attempts rounds through the server list (glibc's attempts)
     * @param rotate   start each lookup at the next server instead of the first
     * @param health   the servers' health, which orders them and paces the tries; null: fixed tries
     */
    public DnsClient(List<Endpoint> servers, Duration timeout, int attempts, boolean rotate, Nameservers health) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a DNS client needs at least one server");
        }
        this.servers = List.copyOf(servers);
        this.keptSockets = new KeptSockets[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            Endpoint server = servers.get(i);
            keptSockets[i] = server.address().isLoopbackAddress() ? new KeptSockets(server.socketAddress()) : null;
        }
        this.tryTimeoutNanos = timeout.toNanos();
        this.attempts = Math.max(1, attempts);
        this.rotate = rotate;
        this.health = health;
    }

    public List<Endpoint> servers() {
        return servers;
    }

    /** The answer to each question ({@code name}, {@code types[i]}) in {@code answers[i]}, by the deadline. */
    public DnsAnswer[] ask(DnsName name, int[] types, Deadline deadline) {
        int first = rotate ? Math.floorMod(rotation.getAndIncrement(), servers.size()) : 0;
        long left = deadline.remainingNanos();
        long budget = budgetNanos();
        String endReason = left <= budget ? "lookup deadline reached"
                : "resolv.conf's timeout and attempts spent (" + budget / 1_000_000 + " ms)";
        return new Exchange(name, types, this, order(first)).run(System.nanoTime() + Math.min(left, budget), endReason);
    }

    private List<Endpoint> order(int first) {
        if (health != null) {
            return health.order(servers, first);
        }
        List<Endpoint> order = new ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) {
            order.add(servers.get((first + i) % servers.size()));
        }
        return order;
    }

    /**
     * The longest glibc would ask: {@code attempts} rounds in which the i-th server gets the try
     * timeout T for i = 0, and (T << i) / n after that (glibc's {@code send_dg}).
     */
    long budgetNanos() {
        long round = 0;
        int n = servers.size();
        for (int i = 0; i < n; i++) {
            round += i == 0 ? tryTimeoutNanos : (tryTimeoutNanos << i) / n;
        }
        return attempts * round;
    }

    /** How long to wait for {@code server} after the {@code sends}-th query sent to it in a lookup. */
    long retryNanos(Endpoint server, int sends) {
        if (health == null) {
            return tryTimeoutNanos;
        }
        long retry = health.of(server).retryNanos(tryTimeoutNanos);
        for (int i = 1; i < sends && retry < tryTimeoutNanos; i++) {
            retry = retry * 3 / 2;
        }
        return Math.min(retry, tryTimeoutNanos);
    }

    /** Whether a server that answered errors in {@code tries} tries of a lookup is asked again: glibc's attempts. */
    boolean mayRetryAfterError(int tries) {
        return tries < attempts;
    }

    long tryTimeoutNanos() {
        return tryTimeoutNanos;
    }

    /** Whether a server already sent {@code sends} times in a lookup may be sent again. */
    boolean maySend(int sends) {
        return health != null || sends < attempts;
    }

    void answered(Endpoint server, long rttNanos) {
        if (health != null) {
            health.of(server).answered(rttNanos);
        }
    }

    /** {@code responded}: the failure was an error response, not silence. */
    void failed(Endpoint server, String problem, boolean responded) {
        if (health != null) {
            health.of(server).failed(problem, responded);
        }
    }

    KeptSockets keptSockets(Endpoint server) {
        return keptSockets[servers.indexOf(server)];
    }

    KeptSockets.Waiters waiters() {
        return waiters;
    }
}
