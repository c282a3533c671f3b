package dev.resolvechain.benchmarks;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.alias.etcd.EtcdAccess;
import dev.resolvechain.alias.etcd.EtcdAliasSource;
import dev.resolvechain.alias.etcd.EtcdGateway;
import dev.resolvechain.alias.etcd.EtcdLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Many etcd alias sources in one JVM, for {@link EtcdRunner}: {@code WATCHERS} sources of the same
 * etcd location, each with its own registry, alias tier, follower thread and watch stream, as that
 * many JVMs would hold them (started one after another, each once the one before held {@code EXPECTED_NAMES}), with {@code SNAPSHOT} as their snapshot file
 * ({@code -}: none, as EtcdRunner runs them: sources of one JVM sharing a file collide on its temporary
 * file, named after the process only). Prints {@code LOADED I MILLIS}
 * per source (from its {@code start()} to holding every name: a full load from etcd), {@code HEAP BEFORE AFTER} (bytes used
 * after full collections before the first source and after the last had loaded
 * {@code EXPECTED_NAMES}), {@code READY}, then, from one thread that asks every tier for {@code NAME}
 * every half millisecond, {@code S I EPOCHMICROS ANSWER} the first time and whenever watcher
 * {@code I}'s answer changes (a line {@code quiet} on stdin pauses that, {@code sweep} resumes it; each is
 * acknowledged with {@code QUIET} or {@code SWEEPING}). Ends at the end of stdin.
 *
 * <p>Arguments: {@code LOCATION WATCHERS NAME EXPECTED_NAMES SNAPSHOT [together]}; with {@code together}, only
 * {@link #together}: every source started at once, and the time until each holds every name.
 */
public final class EtcdWatchersChild {
    private static final long SWEEP_NANOS = 500_000;
    private static volatile boolean stopped;
    /** While quiet, no tier is asked: the CPU the JVM uses is the sources' own. */
    private static volatile boolean quiet;

    private EtcdWatchersChild() {
    }

    public static void main(String[] args) throws Exception {
        BenchLog.install();
        EtcdLocation location = EtcdLocation.parse(args[0]);
        int count = Integer.parseInt(args[1]);
        String name = args[2];
        int expectedNames = Integer.parseInt(args[3]);
        Path snapshot = args[4].equals("-") ? null : Path.of(args[4]);
        Thread stopper = new Thread(EtcdWatchersChild::awaitEnd, "stop");
        stopper.setDaemon(true);
        stopper.start();

        if (args.length > 5 && args[5].equals("together")) {
            together(location, count, expectedNames);
            return;
        }
        long before = settledHeap();
        List<AliasTier> tiers = new ArrayList<>();
        for (int i = 0; i < count && !stopped; i++) {
            AliasRegistry registry = new AliasRegistry();
            EtcdAliasSource source = new EtcdAliasSource(new EtcdGateway(location, EtcdAccess.NONE, EtcdGateway.MemberAddresses.LITERALS_ONLY),
                    Set.of(), registry, snapshot);
            long started = System.nanoTime();
            AliasTier tier = new AliasTier(registry, source, Duration.ZERO, AliasOrder.FILE).start();
            tiers.add(tier);
            // one at a time: each source holds every name before the next starts (see EtcdRunner on many at once)
            long deadline = started + Duration.ofMinutes(1).toNanos();
            while (registry.nameCount() < expectedNames) {
                if (System.nanoTime() > deadline || stopped) {
                    System.out.println("FAILED source " + i + " holds " + registry.nameCount() + " names, not " + expectedNames + ", after "
                            + (System.nanoTime() - started) / 1_000_000 + " ms; problems: " + registry.problems());
                    System.exit(1);
                }
                Thread.sleep(1);
            }
            System.out.println("LOADED " + i + " " + (System.nanoTime() - started) / 1e6 + " " + registry.nameCount());
        }
        long after = settledHeap();
        System.out.println("HEAP " + before + " " + after);
        System.out.println("READY");
        System.out.flush();

        String[] last = new String[tiers.size()];
        while (!stopped) {
            for (int i = 0; i < tiers.size() && !quiet; i++) {
                InetAddress[] answer = tiers.get(i).answer(name, AddressPolicy.IPV4_FIRST);
                long at = EtcdVisibilityChild.micros(Instant.now());
                String text = answer == null ? "unknown"
                        : String.join(",", Arrays.stream(answer).map(InetAddress::getHostAddress).sorted().toArray(String[]::new));
                if (!text.equals(last[i])) {
                    last[i] = text;
                    System.out.println("S " + i + " " + at + " " + text);
                }
            }
            System.out.flush();
            LockSupport.parkNanos(SWEEP_NANOS);
        }
        tiers.forEach(AliasTier::close);
    }

    /**
     * The herd: every source started at the same moment, each from a thread of its own (as JVMs restarted together,
     * or all reconnecting when etcd comes back); {@code LOADED I MILLIS} as each holds every name, then {@code READY}, or
     * {@code FAILED} with what each holds after three minutes.
     */
    private static void together(EtcdLocation location, int count, int expectedNames) throws InterruptedException {
        List<AliasTier> tiers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AliasRegistry registry = new AliasRegistry();
            tiers.add(new AliasTier(registry, new EtcdAliasSource(new EtcdGateway(location, EtcdAccess.NONE, EtcdGateway.MemberAddresses.LITERALS_ONLY),
                    Set.of(), registry, null), Duration.ZERO, AliasOrder.FILE));
        }
        long started = System.nanoTime();
        for (AliasTier tier : tiers) {
            Thread starter = new Thread(tier::start, "start");
            starter.setDaemon(true);
            starter.start();
        }
        boolean[] loaded = new boolean[count];
        int done = 0;
        long deadline = started + Duration.ofMinutes(3).toNanos();
        while (done < count && System.nanoTime() < deadline && !stopped) {
            for (int i = 0; i < count; i++) {
                if (!loaded[i] && tiers.get(i).registry().nameCount() >= expectedNames) {
                    loaded[i] = true;
                    done++;
                    System.out.println("LOADED " + i + " " + (System.nanoTime() - started) / 1e6 + " " + expectedNames);
                }
            }
            Thread.sleep(5);
        }
        System.out.println(done == count ? "READY" : "FAILED " + (count - done) + " sources do not hold " + expectedNames + " names after "
                + (System.nanoTime() - started) / 1_000_000 + " ms: " + tiers.stream().map(tier -> tier.registry().nameCount()).toList());
        System.out.flush();
        tiers.forEach(AliasTier::close);
    }

    private static void awaitEnd() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                quiet = line.equals("quiet"); // "sweep" again after "quiet"
                System.out.println(quiet ? "QUIET" : "SWEEPING");
            }
        } catch (IOException e) {
            // the end of stdin stops it too
        }
        stopped = true;
    }

    /** Collects garbage until the used heap stops shrinking; returns it (bytes). */
    static long settledHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used - (64 << 10)) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
