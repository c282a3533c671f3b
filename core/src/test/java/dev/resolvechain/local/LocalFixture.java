package dev.resolvechain.local;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.testkit.Question;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.wire.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A stand-in local client on loopback, the tiers built against it (closed with it), and timed lookups. */
final class LocalFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofMillis(300);

    final TestDnsServer server = TestDnsServer.start();
    private final List<LocalTier> tiers = new ArrayList<>();

    /** A verdict and how long the lookup took. */
    record Timed(Verdict verdict, long millis) {
        String detail() {
            return verdict.detail();
        }
    }

    /** The defaults, but {@link #TIMEOUT} as local.timeout. */
    LocalSettings options(String... domains) {
        return new LocalSettings(Endpoint.parse(server.endpoint()), List.of(domains)).withTimeout(TIMEOUT);
    }

    LocalTier tier(LocalSettings settings) {
        LocalTier tier = new LocalTier(settings.options());
        tiers.add(tier);
        return tier;
    }

    static Query forward(String name) {
        return Query.forward(name, AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofSeconds(10)));
    }

    static Timed lookup(LocalTier tier, String name) {
        return lookup(tier, forward(name));
    }

    static Timed lookup(LocalTier tier, Query query) {
        long start = System.nanoTime();
        Verdict verdict = tier.resolve(query);
        return new Timed(verdict, (System.nanoTime() - start) / 1_000_000);
    }

    /** What the server was asked, but the health probe's queries. */
    List<Question> lookupQueries() {
        return server.queries().stream().filter(q -> !q.name().startsWith(LocalTier.PROBE_LABEL + ".")).toList();
    }

    List<Question> probeQueries() {
        return server.queries().stream().filter(q -> q.name().startsWith(LocalTier.PROBE_LABEL + ".")).toList();
    }

    /** Whether {@code condition} holds within {@code bound}, looked at every 20 ms. */
    static boolean eventually(BooleanSupplier condition, Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            sleep(20);
        }
        return true;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The probe threads alive in this JVM. */
    static long probeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("resolvechain-local-probe") && t.isAlive()).count();
    }

    @Override
    public void close() {
        tiers.forEach(LocalTier::close);
        server.close();
    }
}
