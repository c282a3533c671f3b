package dev.resolvechain.benchmarks;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Log;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.alias.directory.AliasDirectory;
import dev.resolvechain.testkit.Trees;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reloading a large alias directory, in this JVM, through the public API the agent uses
 * ({@link AliasRegistry}): the full load of a new registry (what a JVM does at start), the heap the
 * loaded registry keeps, and what one owner's change costs afterwards, by the two ways the agent's
 * watcher notices it: the poll ({@code refresh()}: lists the directory and looks at every file's
 * attributes, reads only the changed one) and a file event ({@code refresh(List.of(file))}: looks at
 * that file only). A poll that finds nothing changed is measured too: the agent pays it every
 * {@code aliases.poll} (500 ms by default) whatever happens.
 *
 * <p>Every file's modification time is set well in the past, so the registry's settle rule (a
 * file younger than 30 ms is read later) defers nothing. Times are wall-clock medians after warm-up.
 */
public final class ReloadBenchmark {
    private static final String USAGE = String.join("\n",
            "usage: java -Xms512m -Xmx2g -cp benchmarks/target/benchmarks.jar dev.resolvechain.benchmarks.ReloadBenchmark [options]",
            "  --layout OWNERSxNAMES  owner files x names per file (one line: one address, all the names); repeatable",
            "                         (default: 10000x10, 25000x4 and 100000x1, 100,000 names each)",
            "  --warmup N             full loads not counted (default 3)",
            "  --runs N               full loads measured, and heap measurements (default 7)",
            "  --changes N            single-owner changes measured per way (default 50)",
            "  --dir DIR              where to write the directories (default: a new temporary directory, deleted after)",
            "  --quick                --warmup 1 --runs 3 --changes 10",
            "  --rows FILE            also write the performance table's rows (benchmarks/perf-table.sh)");
    /** The issue's targets for 100,000 names. */
    static final double TARGET_LOAD_MILLIS = 200;
    static final double TARGET_HEAP_MB = 64;

    private ReloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 3;
        int runs = 7;
        int changes = 50;
        Path base = null;
        Path rowsFile = null;
        List<int[]> layouts = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--layout":
                        String[] parts = value(args, ++i).toLowerCase(Locale.ROOT).split("x");
                        layouts.add(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
                        break;
                    case "--warmup":
                        warmup = Integer.parseInt(value(args, ++i));
                        break;
                    case "--runs":
                        runs = Integer.parseInt(value(args, ++i));
                        break;
                    case "--changes":
                        changes = Integer.parseInt(value(args, ++i));
                        break;
                    case "--dir":
                        base = Paths.get(value(args, ++i));
                        break;
                    case "--rows":
                        rowsFile = Paths.get(value(args, ++i)).toAbsolutePath();
                        break;
                    case "--quick":
                        warmup = 1;
                        runs = 3;
                        changes = 10;
                        break;
                    case "-h":
                    case "--help":
                        System.out.println(USAGE);
                        return;
                    default:
                        throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        if (layouts.isEmpty()) {
            layouts.add(new int[] {10_000, 10});
            layouts.add(new int[] {25_000, 4});
            layouts.add(new int[] {100_000, 1});
        }
        Log.use(new WarningsToStderr());
        System.out.printf(Locale.ROOT, "resolvechain alias reload benchmark, %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.printf(Locale.ROOT, "  JDK %s; max heap %d MB; GC %s; %s%n", Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20, gcNames(), Machine.describe());
        System.out.printf(Locale.ROOT, "  %d warm-up + %d measured full loads, %d heap measurements, %d changes per way%n%n",
                warmup, runs, runs, changes);
        boolean temporary = base == null;
        Path root = temporary ? Files.createTempDirectory("resolvechain-reload-") : Files.createDirectories(base);
        PerfRows rows = new PerfRows();
        try {
            for (int[] layout : layouts) {
                run(root.resolve(layout[0] + "x" + layout[1]), layout[0], layout[1], warmup, runs, changes, rows);
            }
            rows.write(rowsFile);
        } finally {
            if (temporary) {
                Trees.delete(root);
            }
        }
    }

    private static void run(Path dir, int owners, int names, int warmup, int runs, int changes, PerfRows rows)
            throws IOException, InterruptedException {
        long generating = System.nanoTime();
        long old = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        long bytes = generate(dir, owners, names, old);
        System.out.printf(Locale.ROOT, "%,d owner files x %d names = %,d names (%s, %.1f MB; written in %.1f s)%n",
                owners, names, (long) owners * names, dir.getFileName(), bytes / 1e6, (System.nanoTime() - generating) / 1e9);

        // each load starts on a collected heap; the collections during it (copying the registry being
        // built) are part of its cost, and reported. Run with -Xms of a service's size: with none,
        // System.gc() shrinks the heap to a few MB, and every load also pays for growing it back.
        Timings loads = new Timings();
        Timings plainLoads = new Timings();
        long gcMillis = 0;
        for (int i = 0; i < warmup + runs; i++) {
            settleHeap();
            long gcBefore = gcMillis();
            Timings.Clock clock = Timings.start();
            Loaded registry = load(dir, owners, names);
            if (i >= warmup) {
                loads.add(clock);
                gcMillis += gcMillis() - gcBefore;
            }
            Reference.reachabilityFence(registry);
            settleHeap();
            clock = Timings.start();
            Map<String, InetAddress> plain = plainLoad(dir, (long) owners * names);
            if (i >= warmup) {
                plainLoads.add(clock);
            }
            Reference.reachabilityFence(plain);
        }

        List<Double> heap = new ArrayList<>();
        List<Double> plainHeap = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long before = settleHeap();
            Loaded registry = load(dir, owners, names);
            heap.add((settleHeap() - before) / 1e6);
            Reference.reachabilityFence(registry);
            before = settleHeap();
            Map<String, InetAddress> plain = plainLoad(dir, (long) owners * names);
            plainHeap.add((settleHeap() - before) / 1e6);
            Reference.reachabilityFence(plain);
        }

        Loaded registry = load(dir, owners, names);
        AliasTier tier = new AliasTier(registry.registry(), registry.source(), Duration.ZERO, AliasOrder.FILE);
        Timings idlePolls = new Timings();
        for (int i = 0; i < runs; i++) {
            Timings.Clock clock = Timings.start();
            registry.refresh();
            idlePolls.add(clock);
        }
        Timings polled = new Timings();
        Timings evented = new Timings();
        for (int c = 1; c <= changes; c++) {
            change(dir, owners, names, 2 * c, old, registry, tier, polled, false);
            change(dir, owners, names, 2 * c + 1, old, registry, tier, evented, true);
        }
        if (registry.nameCount() != (long) owners * names) {
            throw new IllegalStateException("after the changes: " + registry.nameCount() + " names");
        }

        double load = Report.median(loads.wall);
        double plainLoad = Report.median(plainLoads.wall);
        double retained = Report.median(heap);
        double plainRetained = Report.median(plainHeap);
        System.out.printf(Locale.ROOT, "  %-44s %10s %10s %22s  %s%n", "", "wall ms", "thread CPU", "wall min .. max", "");
        line("full load: new registry + refresh()", loads, load,
                "target < " + Report.number(TARGET_LOAD_MILLIS) + " ms: " + (load < TARGET_LOAD_MILLIS ? "met" : "NOT met"));
        System.out.printf(Locale.ROOT, "  %-44s %10s%n", "  of which garbage collection (all threads)", Report.number((double) gcMillis / runs));
        line("baseline: a plain loader into a HashMap", plainLoads, load, null);
        line("poll, nothing changed: refresh()", idlePolls, load, null);
        line("one owner changed, by poll: refresh()", polled, load, null);
        line("one owner changed, by file event: refresh(file)", evented, load, null);
        System.out.printf(Locale.ROOT, "  heap kept by the loaded registry: median %s MB (min %s, max %s; %s bytes/name)   target < %s MB: %s%n",
                Report.number(retained), Report.number(min(heap)), Report.number(max(heap)),
                Report.number(retained * 1e6 / ((long) owners * names)), Report.number(TARGET_HEAP_MB),
                retained < TARGET_HEAP_MB ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "  heap kept by the plain loader's HashMap: median %s MB%n", Report.number(plainRetained));
        System.out.println();
        String jdk = System.getProperty("java.runtime.version");
        String layout = String.format(Locale.ROOT, "%,d owner files x %d name%s", owners, names, names == 1 ? "" : "s");
        String suffix = names == 1 ? "1-name" : names + "-names";
        String full = "a full load of a new registry";
        rows.ratio("full-load-" + suffix, jdk, layout + ": full load", load, "a plain loader (every file read whole, its names put in a HashMap)",
                        plainLoad, "ms")
                .ratio("heap-" + suffix, jdk, layout + ": heap kept by the loaded registry", retained, "the plain loader's HashMap", plainRetained, "MB")
                .ratio("change-by-event-" + suffix, jdk, layout + ": one owner changed, picked up after a file event", Report.median(evented.wall),
                        full, load, "ms")
                .ratio("change-by-poll-" + suffix, jdk, layout + ": one owner changed, picked up by a poll", Report.median(polled.wall), full, load, "ms");
        Trees.delete(dir);
    }

    /** One row: median wall and CPU ms, the wall range, and the share of the full load (or {@code note}). */
    private static void line(String what, Timings timings, double load, String note) {
        double median = Report.median(timings.wall);
        System.out.printf(Locale.ROOT, "  %-44s %10s %10s %22s  %s%n", what, Report.number(median), Report.number(Report.median(timings.cpu)),
                Report.number(min(timings.wall)) + " .. " + Report.number(max(timings.wall)),
                note != null ? note : percent(median / load) + " of the full load");
    }

    private static String percent(double fraction) {
        return fraction >= 0.01 ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : String.format(Locale.ROOT, "%.3f%%", 100 * fraction);
    }

    /**
     * The baseline of a full load: a plain loader of the same files, on one thread: every file read whole, each line's
     * names put in a HashMap to its address; no owners, scopes, checks or reverse index.
     */
    private static Map<String, InetAddress> plainLoad(Path dir, long expected) throws IOException {
        Map<String, InetAddress> names = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] words = line.strip().split("\\s+");
                    if (!words[0].isEmpty() && !words[0].startsWith("#")) {
                        InetAddress address = IpLiteral.parse(words[0]);
                        for (int i = 1; i < words.length; i++) {
                            names.put(words[i], address);
                        }
                    }
                }
            }
        }
        if (names.size() != expected) {
            throw new IllegalStateException("the plain loader found " + names.size() + " names, not " + expected);
        }
        return names;
    }

    /** One owner file per owner: {@code 10.X.Y.Z svc-OWNER-0 ... svc-OWNER-(names-1).bench}, modified at {@code mtime}. */
    private static long generate(Path dir, int owners, int names, long mtime) throws IOException {
        Files.createDirectories(dir);
        long bytes = 0;
        for (int owner = 0; owner < owners; owner++) {
            byte[] text = ownerText(owner, names, 0).getBytes(StandardCharsets.UTF_8);
            Path file = Files.write(dir.resolve(ownerFile(owner)), text);
            Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
            bytes += text.length;
        }
        return bytes;
    }

    private static String ownerFile(int owner) {
        return String.format(Locale.ROOT, "owner-%06d.hosts", owner);
    }

    /** Version 0 as generated; a later version moves the owner to another address and renames its last name. */
    private static String ownerText(int owner, int names, int version) {
        StringBuilder text = new StringBuilder("# owner ").append(owner).append(", version ").append(version).append('\n');
        text.append(address(owner, version));
        for (int n = 0; n < names; n++) {
            text.append(' ').append(name(owner, n, n == names - 1 ? version : 0));
        }
        return text.append('\n').toString();
    }

    private static String address(int owner, int version) {
        return (version == 0 ? "10." : "11.") + (owner >> 16 & 255) + "." + (owner >> 8 & 255) + "." + (owner & 255);
    }

    private static String name(int owner, int n, int version) {
        return "svc-" + owner + "-" + n + (version == 0 ? "" : "-v" + version) + ".bench";
    }

    /** A directory source and the registry it loaded, refreshed by hand. */
    private record Loaded(AliasDirectory source, AliasRegistry registry) {
        long refresh() {
            return source.refresh();
        }

        long refresh(List<Path> files) {
            return source.refresh(files);
        }

        int nameCount() {
            return registry.nameCount();
        }
    }

    private static Loaded load(Path dir, int owners, int names) {
        AliasRegistry aliases = new AliasRegistry();
        Loaded registry = new Loaded(new AliasDirectory(dir, Set.of(), aliases, Duration.ofMinutes(10)), aliases);
        long pending = registry.refresh();
        if (pending != 0 || registry.nameCount() != (long) owners * names) {
            throw new IllegalStateException("the load left " + pending + " ms pending and " + registry.nameCount() + " names");
        }
        return registry;
    }

    /**
     * Rewrites one owner's file (version {@code version}, its modification time still in the past but
     * new), then times the refresh that picks it up: {@code refresh(file)} as after a file event, else
     * {@code refresh()} as a poll. Checks that the new answer is in force.
     */
    private static void change(Path dir, int owners, int names, int version, long old, Loaded registry,
                               AliasTier tier, Timings timings, boolean byEvent) throws IOException {
        int owner = (int) ((version * 7919L) % owners);
        Path file = dir.resolve(ownerFile(owner));
        Files.writeString(file, ownerText(owner, names, version));
        Files.setLastModifiedTime(file, FileTime.fromMillis(old + version * 1000L));
        Timings.Clock clock = Timings.start();
        long pending = byEvent ? registry.refresh(List.of(file)) : registry.refresh();
        timings.add(clock);
        InetAddress[] answer = tier.answer(name(owner, names - 1, version), AddressPolicy.IPV4_FIRST);
        if (pending != 0 || answer == null || !answer[0].getHostAddress().equals(address(owner, version))) {
            throw new IllegalStateException("change " + version + " of owner " + owner + " not in force: pending " + pending
                    + ", answer " + (answer == null ? null : List.of(answer)));
        }
    }

    /** Wall and CPU time (this thread's) of each run, in ms: the CPU time is less disturbed by other load on the machine. */
    private static final class Timings {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        final List<Double> wall = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();

        record Clock(long wallNanos, long cpuNanos) {
        }

        static Clock start() {
            return new Clock(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
        }

        void add(Clock started) {
            cpu.add((THREADS.getCurrentThreadCpuTime() - started.cpuNanos()) / 1e6);
            wall.add((System.nanoTime() - started.wallNanos()) / 1e6);
        }
    }

    /** Collects garbage until the used heap stops shrinking; returns it (bytes). */
    private static long settleHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(20);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used - (64 << 10)) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    /** Milliseconds spent collecting garbage so far, by every collector. */
    private static long gcMillis() {
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, gc.getCollectionTime());
        }
        return millis;
    }

    private static String gcNames() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        return String.join(", ", names);
    }

    private static double min(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** The registry's warnings (a file it could not load) would make the figures meaningless: shown, not hidden. */
    private static final class WarningsToStderr implements Log.Sink {
        @Override
        public boolean enabled(Log.Level level) {
            return level.compareTo(Log.Level.WARN) <= 0;
        }

        @Override
        public void log(Log.Level level, String message) {
            System.err.println("resolvechain " + level + ": " + message);
        }
    }
}
