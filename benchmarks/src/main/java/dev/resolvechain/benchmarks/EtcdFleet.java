package dev.resolvechain.benchmarks;

import dev.resolvechain.alias.RegistrationRules;
import dev.resolvechain.alias.etcd.EtcdAccess;
import dev.resolvechain.alias.etcd.EtcdException;
import dev.resolvechain.alias.etcd.EtcdGateway;
import dev.resolvechain.alias.etcd.EtcdLocation;
import dev.resolvechain.alias.etcd.EtcdRegistrations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;

/**
 * The owners' side of {@link EtcdRunner}: {@code owners} registrations of {@code names} names each, every one under a
 * lease of its own, as {@code register} writes them ({@link EtcdRegistrations#register}: a lease grant and a put), and
 * then kept alive as running {@code register}s keep them: each lease renewed every third of its TTL, one
 * {@code lease/keepalive} POST each ({@link EtcdRegistrations#keepAlive}). 10,000 {@code register} JVMs cannot run on a
 * small machine: a few threads here do their calls, each over one connection of its own (the calls and their number
 * are the same; 10,000 processes would also hold 10,000 connections). Owner 0's registration is the one
 * the change-to-visible figures change, by a put under its own lease.
 */
final class EtcdFleet implements AutoCloseable {
    private final EtcdLocation location;
    private final int owners;
    private final int names;
    private final Duration ttl;
    private final int threads;
    private final long[] leases;
    private final List<Thread> renewers = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final LongAccumulator maxLagNanos = new LongAccumulator(Math::max, 0);
    private final List<String> failureSamples = new ArrayList<>();
    private final EtcdGateway writer;
    private volatile boolean closed;

    EtcdFleet(EtcdLocation location, int owners, int names, Duration ttl, int threads) {
        this.location = location;
        this.owners = owners;
        this.names = names;
        this.ttl = ttl;
        this.threads = threads;
        this.leases = new long[owners];
        this.writer = gateway();
    }

    /** {@code owner-N}. */
    static String owner(int owner) {
        return "owner-" + owner;
    }

    /** {@code svc-OWNER-0.bench} ... {@code svc-OWNER-(names-1).bench}. */
    static List<String> names(int owner, int names) {
        List<String> all = new ArrayList<>(names);
        for (int n = 0; n < names; n++) {
            all.add("svc-" + owner + "-" + n + ".bench");
        }
        return all;
    }

    /** Owner 0's first address is the change-to-visible runs' address 0; the others' are 10.X.Y.Z. */
    static String address(int owner) {
        return owner == 0 ? ChangeToVisibleRunner.address(0) : "10." + (owner >> 16 & 255) + "." + (owner >> 8 & 255) + "." + (owner & 255);
    }

    /** The registration's text, in etcd and in the directory alike. */
    static String text(int owner, String address, int names) {
        return RegistrationRules.text(List.of(address), names(owner, names));
    }

    /** Registers every owner, {@code threads} at a time; returns the wall time it took, ms. */
    double registerAll() throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    EtcdRegistrations registrations = new EtcdRegistrations(gateway());
                    for (int i = first; i < owners; i += threads) {
                        leases[i] = registrations.register(owner(i), null, List.of(address(i)), names(i, names), ttl).lease();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - started) / 1e6;
    }

    /**
     * Starts {@code renewers} threads that renew every lease once every third of the TTL, one after another in a fixed
     * order, each renewal due at its own time ({@code owners} spread evenly over the period); a thread takes the next
     * renewal due and waits for its time, so up to {@code renewers} calls are in flight when etcd is slow (10,000
     * {@code register}s would have as many), and a renewal that starts late is counted ({@link #maxLagMillis}).
     */
    void startRenewing(int renewers) {
        long period = ttl.toNanos() / 3;
        long start = System.nanoTime();
        for (int t = 0; t < renewers; t++) {
            Thread renewer = new Thread(() -> renew(start, period), "renewer-" + t);
            renewer.setDaemon(true);
            this.renewers.add(renewer);
            renewer.start();
        }
    }

    private void renew(long start, long period) {
        EtcdRegistrations registrations = new EtcdRegistrations(gateway());
        while (!closed) {
            long k = next.getAndIncrement();
            long due = start + (k / owners) * period + period * (k % owners) / owners;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                maxLagNanos.accumulate(-wait);
            }
            if (closed) {
                return;
            }
            try {
                if (registrations.keepAlive(leases[(int) (k % owners)]) == 0) {
                    expired.incrementAndGet();
                }
                renewals.incrementAndGet();
            } catch (EtcdException e) {
                failures.incrementAndGet();
                synchronized (failureSamples) {
                    if (failureSamples.size() < 5) {
                        failureSamples.add(e.getMessage());
                    }
                }
            }
        }
    }

    /** A change of owner 0's registration to {@code address}: when the put was sent and when it returned (epoch µs). */
    record Put(long sentMicros, long returnedMicros) {
    }

    /** Puts owner 0's registration with {@code address}, under its lease, as one put: what {@code register} would write. */
    Put change(String address) throws EtcdException {
        Map<String, Object> put = new LinkedHashMap<>();
        put.put("key", base64(location.keyPrefix() + owner(0)));
        put.put("value", base64(text(0, address, names)));
        put.put("lease", Long.toUnsignedString(leases[0]));
        long sent = EtcdVisibilityChild.micros(Instant.now());
        writer.call("kv/put", put);
        return new Put(sent, EtcdVisibilityChild.micros(Instant.now()));
    }

    long renewals() {
        return renewals.get();
    }

    /** Renewals that found their lease gone, and calls that failed: any of either spoils the run. */
    String problems() {
        if (expired.get() == 0 && failures.get() == 0) {
            return null;
        }
        synchronized (failureSamples) {
            return String.format(Locale.ROOT, "%d renewals found their lease expired, %d failed (%s)", expired.get(), failures.get(), failureSamples);
        }
    }

    double maxLagMillis() {
        return maxLagNanos.get() / 1e6;
    }

    /** The latest renewal's lag so far, and from now on only what comes after. */
    double resetMaxLagMillis() {
        return maxLagNanos.getThenReset() / 1e6;
    }

    long expired() {
        return expired.get();
    }

    long failures() {
        return failures.get();
    }

    double renewalsPerSecond() {
        return owners / (ttl.toNanos() / 3 / 1e9);
    }

    private EtcdGateway gateway() {
        return new EtcdGateway(location, EtcdAccess.NONE, EtcdGateway.MemberAddresses.LITERALS_ONLY);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Thread renewer : renewers) {
            renewer.interrupt();
            renewer.join(TimeUnit.SECONDS.toMillis(5));
        }
        writer.close();
    }
}
