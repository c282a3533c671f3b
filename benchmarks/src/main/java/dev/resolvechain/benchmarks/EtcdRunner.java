package dev.resolvechain.benchmarks;

import dev.resolvechain.alias.directory.Registrations;
import dev.resolvechain.alias.etcd.EtcdLocation;
import dev.resolvechain.testkit.Etcd;
import dev.resolvechain.testkit.Trees;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import dev.resolvechain.testkit.jvm.JvmResult;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The etcd alias source at scale (issue 16's "Measured"): {@code --owners} registrations of {@code --names} names each
 * in one real etcd member on 127.0.0.1 (Debian's etcd 3.4, {@link Etcd}), every one under a lease of its own that
 * {@link EtcdFleet} renews every third of {@code --ttl}, as running {@code register}s would. For each JDK:
 *
 * <ol>
 * <li><b>Change to visible.</b> {@code --watchers} etcd sources in one JVM ({@link EtcdWatchersChild}: this machine
 * cannot run 50 JVMs), {@code --children} JVMs under the agent with {@code aliases=etcd://...}, and as many with
 * {@code aliases=DIR}, a directory holding the same registrations as files, the baseline; all run together. Owner 0's
 * registration is changed {@code --changes} times in each source, alternating, {@code --interval} ms apart: in etcd by
 * a put under its lease, in the directory by {@link Registrations#register} (a rename, as {@code register} writes). A
 * change's time is taken just before the put is sent (the put's round trip is part of it) or the write starts; each
 * watcher reports when its answer changed ({@link EtcdVisibilityChild} through {@code InetAddress}; the in-process
 * sources through their alias tier). Per (change, watcher), and per change until all watchers had it.</li>
 * <li><b>Load on etcd</b> in steady state: {@code --load-seconds} without changes, every watcher connected and every
 * lease being renewed: requests per second by gRPC method from two readings of the member's {@code /metrics}, its CPU,
 * and each JVM's CPU over the same time.</li>
 * <li><b>Memory per JVM</b> holding every registration: heap used after full collections and RSS of the JVMs under
 * the agent (etcd against directory), and of one JVM without the agent running the same program.</li>
 * <li><b>Start-up:</b> whole-process wall time of a small main ({@link EtcdStartupChild}, one alias lookup, from a jar
 * of its own) without the agent, under it with the directory, with etcd and its snapshot file present (the usual case)
 * and with etcd and no snapshot yet; interleaved, a new random order every round.</li>
 * <li><b>Storm</b> (opt-in, {@code --only storm}): {@code --watchers} sources of one JVM started at the same moment.</li>
 * </ol>
 *
 * <p>The sources in one JVM stand for that many JVMs on a machine too small to run them: each has its own registry,
 * thread and connection, but none keeps a snapshot (sources of one JVM cannot share one file), and they were started
 * one after another, each once the one before had loaded everything (50 loading at once is the storm). The JVMs under
 * the agent share one snapshot file, as JVMs of one user on one machine do by default.
 */
public final class EtcdRunner {
    private static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks/target/benchmarks.jar dev.resolvechain.benchmarks.EtcdRunner [--quick|--full] [options]",
            "  --owners N          registrations in etcd and in the directory, each under a lease of its own (default 10000)",
            "  --names N           names per registration, one address (default 10)",
            "  --ttl SECONDS       the leases' TTL; each is renewed every third of it (default 30: 1,000 renewals/s for 10,000)",
            "  --renewers N        threads renewing the leases, one connection each, up to N calls in flight (default 16)",
            "  --watchers N        etcd sources in one JVM (default 50)",
            "  --children N        JVMs under the agent per source (etcd, directory) and JDK (default 3)",
            "  --changes N         changes per source (default 200)",
            "  --interval MS       time from one change to the next, the sources alternating (default 150)",
            "  --load-seconds S    steady state measured for the load on etcd (default 30)",
            "  --startup-rounds N  measured start-up rounds, each every variant once (default 20, after 2 warm-up rounds)",
            "  --jdk PATH          a JDK home or java executable for the children; repeat for several",
            "                      (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64 and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64)",
            "  --agent JAR         the agent (default: agent/target/resolvechain-agent.jar of this checkout)",
            "  --only PHASES       of visible (change to visible, then the load on etcd and memory per JVM), startup (default: these two)",
            "                      and storm: --watchers sources started at once in one JVM, once, after the others (can make leases expire)",
            "  --quick             only that it all runs (under a minute): 300 owners, 5 watchers, 1 child per source, 5 changes",
            "                      each, 3 s of load, 1 start-up round",
            "  --full              the defaults above (about 4 min per JDK)",
            "  --raw FILE          also write every change and every answer seen, tab-separated: change JDK SOURCE INDEX ADDRESS",
            "                      EPOCHMICROS WRITE_MS, and seen JDK GROUP WATCHER EPOCHMICROS ANSWER",
            "  --rows FILE         also write the performance table's rows (benchmarks/perf-table.sh)");
    /** The name every watcher looks up: owner 0's first. */
    static final String WATCHED = "svc-0-0.bench";
    static final String ETCD = "etcd";
    static final String DIRECTORY = "directory";
    static final String PLAIN = "no agent";
    /** The phases: change to visible with the load and memory figures of the same JVMs; start-up. */
    static final String VISIBLE = "visible";
    static final String STARTUP = "startup";
    /** Opt-in: every etcd source of one JVM started at once (once, on the first JDK, after the others). */
    static final String STORM = "storm";
    /** The start-up variants. */
    static final String START_PLAIN = "plain java, no agent";
    static final String START_DIRECTORY = "agent, aliases=DIR";
    static final String START_ETCD = "agent, aliases=etcd://, snapshot present";
    static final String START_ETCD_COLD = "agent, aliases=etcd://, no snapshot yet";
    private static final List<String> START_VARIANTS = List.of(START_PLAIN, START_DIRECTORY, START_ETCD, START_ETCD_COLD);
    private static final String PREFIX = "/rc/aliases";
    private static final long SEED = 20261205L;
    private static final int REGISTERING_THREADS = 4;
    /** Changes per source made first and not counted: a JVM's first change runs code for the first time (about 0.1 s). */
    static final int WARMUP_CHANGES = 3;
    private static final Pattern COUNT = Pattern.compile("\"count\":\"(\\d+)\"");
    /** What {@code --raw} writes. */
    private static final StringBuffer RAW = new StringBuffer();

    private EtcdRunner() {
    }

    /** What to run. */
    record Settings(int owners, int names, int ttlSeconds, int renewers, int watchers, int children, int changes, long interval,
                    int loadSeconds, int startupRounds, int startupWarmup) {
        static Settings full() {
            return new Settings(10_000, 10, 30, 16, 50, 3, 200, 150, 30, 20, 2);
        }

        static Settings quick() {
            return new Settings(300, 10, 30, 2, 5, 1, 5, 150, 3, 1, 0);
        }

        int expectedNames() {
            return owners * names;
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.full();
        Map<String, Long> given = new LinkedHashMap<>();
        List<Jdk> jdks = new ArrayList<>();
        Path agent = null;
        Path rowsFile = null;
        Path rawFile = null;
        Set<String> phases = Set.of(VISIBLE, STARTUP);
        CommandLine line = new CommandLine(args, USAGE);
        while (line.next()) {
            switch (line.option()) {
                case "--quick" -> settings = Settings.quick();
                case "--full" -> settings = Settings.full();
                case "--owners", "--names", "--ttl", "--renewers", "--watchers", "--children", "--changes", "--interval", "--load-seconds",
                     "--startup-rounds" -> given.put(line.option(), line.longValue());
                case "--jdk" -> jdks.add(line.jdk());
                case "--agent" -> agent = line.path();
                case "--rows" -> rowsFile = line.path();
                case "--raw" -> rawFile = line.path();
                case "--only" -> {
                    phases = Set.of(line.value().split(","));
                    if (!Set.of(VISIBLE, STARTUP, STORM).containsAll(phases)) {
                        throw line.fail("--only: some of " + VISIBLE + ", " + STARTUP + ", " + STORM + ", not " + phases);
                    }
                }
                default -> line.unknown();
            }
        }
        Settings s = settings;
        settings = new Settings(given.getOrDefault("--owners", (long) s.owners()).intValue(), given.getOrDefault("--names", (long) s.names()).intValue(),
                given.getOrDefault("--ttl", (long) s.ttlSeconds()).intValue(), given.getOrDefault("--renewers", (long) s.renewers()).intValue(),
                given.getOrDefault("--watchers", (long) s.watchers()).intValue(), given.getOrDefault("--children", (long) s.children()).intValue(),
                given.getOrDefault("--changes", (long) s.changes()).intValue(), given.getOrDefault("--interval", s.interval()),
                given.getOrDefault("--load-seconds", (long) s.loadSeconds()).intValue(),
                given.getOrDefault("--startup-rounds", (long) s.startupRounds()).intValue(), s.startupWarmup());
        agent = CommandLine.agentJar(agent);
        jdks = jdks.isEmpty() ? Machine.defaultJdks() : jdks;
        int status = run(settings, phases, jdks, agent, rowsFile);
        if (rawFile != null) {
            Files.writeString(rawFile, RAW);
        }
        System.exit(status);
    }

    static int run(Settings settings, Set<String> phases, List<Jdk> jdks, Path agent, Path rowsFile) throws Exception {
        Path root = JvmLaunch.codeSource(EtcdRunner.class).getParent().getParent().getParent();
        System.out.printf(Locale.ROOT, "resolvechain etcd alias source benchmark, %s, at %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                commit(root));
        System.out.printf(Locale.ROOT, "  %,d owners x %d names = %,d names in etcd (%s), each owner under a lease of its own (TTL %d s, renewed every %d s:"
                        + " %.0f renewals/s, up to %d in flight)%n", settings.owners(), settings.names(), settings.expectedNames(), etcdVersion(),
                settings.ttlSeconds(), settings.ttlSeconds() / 3, settings.owners() / (settings.ttlSeconds() / 3.0), settings.renewers());
        System.out.printf(Locale.ROOT, "  per JDK: %d etcd sources in one JVM + %d JVMs under the agent with aliases=etcd://, %d with aliases=DIR (the same"
                        + " registrations as files), 1 without the agent; %d changes per source, %d ms apart, alternating%n", settings.watchers(),
                settings.children(), settings.children(), settings.changes(), settings.interval());
        System.out.printf(Locale.ROOT, "  agent %s; %s; java of this runner %s%n%n", agent, Machine.describe(), Runtime.version());

        Path tmp = Files.createTempDirectory("resolvechain-etcd-bench-");
        PerfRows rows = new PerfRows();
        String problems;
        try (Etcd etcd = Etcd.single().start()) {
            EtcdLocation location = EtcdLocation.parse(etcd.location(PREFIX));
            try (EtcdFleet fleet = new EtcdFleet(location, settings.owners(), settings.names(), Duration.ofSeconds(settings.ttlSeconds()),
                    REGISTERING_THREADS)) {
                double registering = fleet.registerAll();
                fleet.startRenewing(settings.renewers());
                System.out.printf(Locale.ROOT, "registered %,d owners in etcd in %.1f s (a lease grant and a put each, %d threads); now at revision %d%n",
                        settings.owners(), registering / 1000, REGISTERING_THREADS, etcd.revision());
                ChainFiles files = new ChainFiles(tmp.resolve("chain"));
                files.hosts("# empty: only aliases are looked up").resolvConf("# no nameserver: nothing leaves this machine")
                        .jdkHosts("# empty: the JDK's own resolver finds nothing here");
                long bytes = writeDirectory(files.aliases, settings);
                System.out.printf(Locale.ROOT, "wrote the same %,d registrations as files into %s (%.1f MB)%n%n", settings.owners(), files.aliases, bytes / 1e6);
                Path startupJar = startupJar(tmp);
                for (Jdk jdk : jdks) {
                    runJdk(jdk, settings, phases, agent, etcd, location, fleet, files, tmp, startupJar, rows);
                }
                System.out.printf(Locale.ROOT, "lease renewals: %,d in all; the latest was %.0f ms behind its time%n", fleet.renewals(), fleet.maxLagMillis());
                problems = fleet.problems();
                if (phases.contains(STORM)) {
                    storm(jdks.get(0), settings, etcd, location, fleet, files);
                }
            }
        } finally {
            Trees.delete(tmp);
        }
        System.out.println("load average at the end: " + Machine.loadAverage());
        if (problems != null) {
            System.out.println("FAILED: " + problems + ": registrations expired during the run, the figures do not hold");
            return 1;
        }
        rows.write(rowsFile);
        return 0;
    }

    private static void runJdk(Jdk jdk, Settings settings, Set<String> phases, Path agent, Etcd etcd, EtcdLocation location, EtcdFleet fleet,
                               ChainFiles files, Path tmp, Path startupJar, PerfRows rows) throws Exception {
        System.out.println("=== JDK " + jdk.runtimeVersion());
        Path snapshots = Files.createDirectories(tmp.resolve("snapshots-" + jdk.feature()));
        if (phases.contains(VISIBLE)) {
            visibleLoadMemory(jdk, settings, agent, etcd, location, fleet, files, snapshots, rows);
        }
        if (phases.contains(STARTUP)) {
            Startup startup = startup(jdk, settings, agent, location, files, snapshots, startupJar);
            System.out.print(startup.render());
            String version = jdk.runtimeVersion();
            String small = "whole-process time of a small main doing one alias lookup under the agent, ";
            rows.ratio("startup-vs-directory", version, small + "aliases=etcd:// (snapshot present)", startup.median(START_ETCD),
                            "aliases=DIR, the same registrations as files", startup.median(START_DIRECTORY), "ms")
                    .ratio("startup-no-snapshot-vs-directory", version, small + "aliases=etcd:// (no snapshot yet)", startup.median(START_ETCD_COLD),
                            "aliases=DIR, the same registrations as files", startup.median(START_DIRECTORY), "ms")
                    .difference("startup-vs-plain", version, small + "aliases=etcd:// (snapshot present)", startup.median(START_ETCD),
                            "plain java, no agent (the name in the JDK's hosts file)", startup.median(START_PLAIN), "ms");
        }
        System.out.println();
    }

    /**
     * The herd: {@code --watchers} sources started at the same moment in one JVM, each loading the whole prefix, while the
     * leases are renewed as before: how long until every one holds every name, what failed on the way, and what it did
     * to the renewals.
     */
    private static void storm(Jdk jdk, Settings settings, Etcd etcd, EtcdLocation location, EtcdFleet fleet, ChainFiles files) throws Exception {
        System.out.printf(Locale.ROOT, "%n=== storm: %d etcd sources started at once in one JVM on JDK %s (as JVMs restarted together, or all coming back to"
                + " etcd at once), the leases renewed as before%n", settings.watchers(), jdk.runtimeVersion());
        long expired = fleet.expired();
        long failures = fleet.failures();
        long renewals = fleet.renewals();
        fleet.resetMaxLagMillis();
        List<Double> loaded = new CopyOnWriteArrayList<>();
        AtomicInteger retried = new AtomicInteger();
        AtomicReference<String> end = new AtomicReference<>();
        List<String> samples = new CopyOnWriteArrayList<>();
        EtcdMetrics before = new EtcdMetrics(etcd.member(0).metrics(), System.nanoTime());
        long started = System.nanoTime();
        RunningJvm jvm = JvmLaunch.on(jdk).files(files).option(watchersHeap(settings)).classPath(classPath()).timeout(Duration.ofMinutes(5))
                .onStdout(line -> {
                    if (line.startsWith("LOADED ")) {
                        loaded.add(Double.parseDouble(line.split(" ")[2]));
                    } else if (line.startsWith("READY") || line.startsWith("FAILED")) {
                        end.set(line);
                    }
                }).onStderr(line -> {
                    if (line.contains("cannot be followed") || line.contains("cannot be read")) {
                        if (retried.incrementAndGet() <= 3) {
                            samples.add(line.strip());
                        }
                    } else {
                        System.out.println("  (storm) " + line);
                    }
                }).main(EtcdWatchersChild.class, location.toString(), String.valueOf(settings.watchers()), WATCHED,
                        String.valueOf(settings.expectedNames()), "-", "together").start();
        try {
            long deadline = started + TimeUnit.MINUTES.toNanos(4);
            while (end.get() == null && !jvm.hasEnded() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            jvm.close();
        }
        EtcdMetrics after = new EtcdMetrics(etcd.member(0).metrics(), System.nanoTime());
        List<Double> times = new ArrayList<>(loaded);
        Collections.sort(times);
        System.out.printf(Locale.ROOT, "  %s%n", end.get() == null ? "the JVM ended or hung without saying" : end.get());
        System.out.printf(Locale.ROOT, "  %d of %d sources held every name; the first after %s ms, the median after %s ms, the last after %s ms (from the JVM's"
                        + " start of them)%n", times.size(), settings.watchers(), Report.number(times.isEmpty() ? Double.NaN : times.get(0)),
                Report.number(Report.median(times)), Report.number(times.isEmpty() ? Double.NaN : times.get(times.size() - 1)));
        System.out.printf(Locale.ROOT, "  warnings of a source that could not load or follow etcd and tried again: %d%s%n", retried.get(),
                samples.isEmpty() ? "" : ", e.g. " + samples.get(0));
        System.out.printf(Locale.ROOT, "  meanwhile (%.1f s): requests/s by method %s; etcd's CPU %.0f%% of a core%n", after.seconds(before),
                rounded(after.ratesSince(before, "grpc_server_handled_total")), 100 * after.rateSince(before, "process_cpu_seconds_total"));
        System.out.printf(Locale.ROOT, "  lease renewals meanwhile: %,d done (%,.0f due), the latest %.0f ms behind its time, %d failed, %d found their lease"
                        + " expired%n", fleet.renewals() - renewals, fleet.renewalsPerSecond() * after.seconds(before), fleet.resetMaxLagMillis(),
                fleet.failures() - failures, fleet.expired() - expired);
        System.out.printf(Locale.ROOT, "  registrations in etcd now: %,d of %,d%n", registrationsNow(etcd), settings.owners());
    }

    private static Map<String, String> rounded(Map<String, Double> rates) {
        Map<String, String> out = new LinkedHashMap<>();
        rates.forEach((method, rate) -> out.put(method, String.format(Locale.ROOT, "%.1f", rate)));
        return out;
    }

    /** How many keys the alias prefix holds now. */
    private static long registrationsNow(Etcd etcd) {
        String prefix = Base64.getEncoder().encodeToString((PREFIX + "/").getBytes(StandardCharsets.UTF_8));
        String end = Base64.getEncoder().encodeToString((PREFIX + "0").getBytes(StandardCharsets.UTF_8));
        String answer = etcd.call("/v3/kv/range", "{\"key\":\"" + prefix + "\",\"range_end\":\"" + end + "\",\"count_only\":true}");
        Matcher count = COUNT.matcher(answer);
        return count.find() ? Long.parseLong(count.group(1)) : 0;
    }

    /** Change to visible, the load on etcd and memory per JVM: the same watchers, one after the other. */
    private static void visibleLoadMemory(Jdk jdk, Settings settings, Path agent, Etcd etcd, EtcdLocation location, EtcdFleet fleet, ChainFiles files,
                                          Path snapshots, PerfRows rows) throws Exception {
        String version = jdk.runtimeVersion();
        String etcdArguments = "aliases=" + location + ";aliases.snapshot=" + snapshots.resolve("children.snapshot") + ";hostsFile=" + files.hostsFile
                + ";resolvConf=" + files.resolvConf + ";log.level=warn";
        String directoryArguments = files.agentArguments("log.level=warn");
        long maxMillis = TimeUnit.MINUTES.toMillis(10) + 4L * settings.changes() * settings.interval() + 4000L * settings.loadSeconds();
        // owner 0 back at its first address in both sources (an earlier JDK's run changed it)
        fleet.change(ChangeToVisibleRunner.address(0));
        Registrations registrations = new Registrations(files.aliases);
        registrations.register(EtcdFleet.owner(0), null, List.of(ChangeToVisibleRunner.address(0)), EtcdFleet.names(0, settings.names()));

        Watchers watchers = null;
        List<Child> children = new ArrayList<>();
        List<ChangeVisibility.Change> etcdChanges = new ArrayList<>();
        List<ChangeVisibility.Change> directoryChanges = new ArrayList<>();
        List<Double> putMillis = new ArrayList<>();
        List<Double> writeMillis = new ArrayList<>();
        Load load;
        Map<String, List<double[]>> memory = new LinkedHashMap<>();
        try {
            long starting = System.nanoTime();
            watchers = new Watchers(JvmLaunch.on(jdk).files(files).option(watchersHeap(settings)).classPath(classPath()).timeout(Duration.ofMinutes(10)).onStderr(line -> System.out.println("  (watchers) " + line))
                    .main(EtcdWatchersChild.class, location.toString(), String.valueOf(settings.watchers()), WATCHED,
                            String.valueOf(settings.expectedNames()), "-"), settings.watchers());
            for (int i = 0; i < settings.children(); i++) {
                children.add(new Child(ETCD, JvmLaunch.on(jdk).files(files).agent(agent, etcdArguments)));
                children.add(new Child(DIRECTORY, JvmLaunch.on(jdk).files(files).agent(agent, directoryArguments)));
            }
            children.add(new Child(PLAIN, JvmLaunch.on(jdk).files(files)));
            watchers.awaitReady();
            for (Child child : children) {
                child.start(maxMillis);
            }
            for (Child child : children) {
                child.await(child.kind.equals(PLAIN) ? "unknown" : ChangeToVisibleRunner.address(0), 120_000);
            }
            watchers.awaitInitial(ChangeToVisibleRunner.address(0), 60_000);
            System.out.printf(Locale.ROOT, "  all watchers answer %s %s after %.1f s: %d sources in one JVM (each started once the one before held every"
                            + " name: a full load from etcd, median %s ms, max %s ms), %d JVMs under the agent per source%n", WATCHED, ChangeToVisibleRunner.address(0), (System.nanoTime() - starting) / 1e9,
                    settings.watchers(), Report.number(Report.median(watchers.loadMillis)), Report.number(Collections.max(watchers.loadMillis)),
                    settings.children());
            Thread.sleep(1000);

            long start = System.nanoTime();
            for (int c = 1; c <= 2 * (WARMUP_CHANGES + settings.changes()); c++) {
                int index = (c + 1) / 2;
                String address = ChangeToVisibleRunner.address(index);
                if (c % 2 == 1) {
                    EtcdFleet.Put put = fleet.change(address);
                    etcdChanges.add(new ChangeVisibility.Change(index, address, put.sentMicros()));
                    if (index > WARMUP_CHANGES) {
                        putMillis.add((put.returnedMicros() - put.sentMicros()) / 1000.0);
                    }
                    raw("change", jdk.feature(), ETCD, index, address, put.sentMicros(), (put.returnedMicros() - put.sentMicros()) / 1000.0);
                } else {
                    long at = EtcdVisibilityChild.micros(Instant.now());
                    registrations.register(EtcdFleet.owner(0), null, List.of(address), EtcdFleet.names(0, settings.names()));
                    directoryChanges.add(new ChangeVisibility.Change(index, address, at));
                    double millis = (EtcdVisibilityChild.micros(Instant.now()) - at) / 1000.0;
                    if (index > WARMUP_CHANGES) {
                        writeMillis.add(millis);
                    }
                    raw("change", jdk.feature(), DIRECTORY, index, address, at, millis);
                }
                long next = start + TimeUnit.MILLISECONDS.toNanos(c * settings.interval());
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            }
            Thread.sleep(2000);

            load = measureLoad(etcd, fleet, watchers, children, settings.loadSeconds());

            for (Child child : children) {
                child.jvm.send("mem");
                String[] parts = child.jvm.awaitLine("MEM ").split(" ");
                memory.computeIfAbsent(child.kind, kind -> new ArrayList<>())
                        .add(new double[] {Long.parseLong(parts[1]) / 1e6, Long.parseLong(parts[2]) / 1e6, Long.parseLong(parts[3]) / 1e3});
            }
            for (Child child : children) {
                child.jvm.finish();
            }
            watchers.jvm.finish();
        } finally {
            children.forEach(child -> child.jvm.close());
            if (watchers != null) {
                watchers.jvm.close();
            }
        }

        // change to visible
        for (ChangeVisibility.Watcher watcher : watchers.watchers()) {
            watcher.seen().forEach(seen -> raw("seen", jdk.feature(), "etcd-in-process", watcher.name(), seen.atMicros(), seen.answer()));
        }
        for (String kind : List.of(ETCD, DIRECTORY)) {
            for (ChangeVisibility.Watcher watcher : watchersOf(children, kind)) {
                watcher.seen().forEach(seen -> raw("seen", jdk.feature(), kind + "-agent", watcher.name(), seen.atMicros(), seen.answer()));
            }
        }
        ChangeVisibility.Figures inProcess = ChangeVisibility.of(etcdChanges, ChangeToVisibleRunner.address(0), watchers.watchers(), WARMUP_CHANGES + 1);
        ChangeVisibility.Figures etcdAgent = ChangeVisibility.of(etcdChanges, ChangeToVisibleRunner.address(0), watchersOf(children, ETCD), WARMUP_CHANGES + 1);
        List<ChangeVisibility.Watcher> everyEtcdWatcher = new ArrayList<>(watchers.watchers());
        everyEtcdWatcher.addAll(watchersOf(children, ETCD));
        ChangeVisibility.Figures etcdAll = ChangeVisibility.of(etcdChanges, ChangeToVisibleRunner.address(0), everyEtcdWatcher, WARMUP_CHANGES + 1);
        ChangeVisibility.Figures directoryAgent = ChangeVisibility.of(directoryChanges, ChangeToVisibleRunner.address(0), watchersOf(children, DIRECTORY),
                WARMUP_CHANGES + 1);
        System.out.printf(Locale.ROOT, "%n  change to visible: %d changes per source (after %d not counted), %d ms apart, alternating; from just before the put"
                        + " was sent (etcd) or register's write began (directory) to the watcher's first answer with the new address%n", settings.changes(),
                WARMUP_CHANGES, settings.interval());
        System.out.print(ChangeVisibility.header());
        System.out.print(ChangeVisibility.line("etcd, " + settings.watchers() + " sources in one JVM", inProcess));
        System.out.print(ChangeVisibility.line("etcd, " + settings.children() + " JVMs under the agent", etcdAgent));
        System.out.print(ChangeVisibility.line("etcd, all " + everyEtcdWatcher.size() + " watchers", etcdAll));
        System.out.print(ChangeVisibility.line("directory, " + settings.children() + " JVMs under the agent", directoryAgent));
        System.out.printf(Locale.ROOT, "  the etcd put's own round trip: p50 %s ms, p99 %s ms; register's write (file + rename): p50 %s ms, p99 %s ms%n",
                Report.number(Report.percentile(putMillis, 50)), Report.number(Report.percentile(putMillis, 99)),
                Report.number(Report.percentile(writeMillis, 50)), Report.number(Report.percentile(writeMillis, 99)));
        for (var entry : Map.of("etcd, in one JVM", inProcess, "etcd, under the agent", etcdAgent, "directory", directoryAgent).entrySet()) {
            if (entry.getValue().superseded() > 0) {
                System.out.printf(Locale.ROOT, "  %s: %d times a watcher went straight to a later change's address (counted with that time)%n",
                        entry.getKey(), entry.getValue().superseded());
            }
            if (!entry.getValue().unexpected().isEmpty()) {
                System.out.println("  " + entry.getKey() + ": answers that were none of the written addresses: " + entry.getValue().unexpected());
            }
        }

        // load
        System.out.printf(Locale.ROOT, "%n  load on etcd in steady state: %.1f s without changes; %,d leases renewed every %d s; %d watch streams%n",
                load.seconds, settings.owners(), settings.ttlSeconds() / 3, settings.watchers() + settings.children());
        System.out.printf(Locale.ROOT, "    %-22s %10s%n", "gRPC method", "requests/s");
        load.handled.forEach((method, rate) -> System.out.printf(Locale.ROOT, "    %-22s %10.1f%n", method, rate));
        double total = load.handled.values().stream().mapToDouble(Double::doubleValue).sum();
        double keepAlives = load.handled.getOrDefault("LeaseKeepAlive", 0.0);
        System.out.printf(Locale.ROOT, "    %-22s %10.1f   (the owners' renewals: %.1f/s; the rest, %.1f/s, is %.3f per watcher per s)%n", "all", total, keepAlives,
                total - keepAlives, (total - keepAlives) / (settings.watchers() + settings.children()));
        System.out.printf(Locale.ROOT, "    streams started per s: %s; watch streams open: %.0f, watchers: %.0f%n", load.started.isEmpty() ? "none" : load.started,
                load.watchStreams, load.watchersGauge);
        System.out.printf(Locale.ROOT, "    etcd's CPU: %.1f%% of a core; its RSS %.0f MB%n", 100 * load.etcdCpu, load.etcdRssMb);
        System.out.printf(Locale.ROOT, "    JVMs' CPU (%% of a core, median of the JVMs of a kind): %d sources in one JVM %.1f%% (%.2f%% per source, nothing looked up);"
                        + " under the agent, etcd %.1f%%, directory %.1f%%; no agent %.1f%% (these look their name up once a millisecond)%n",
                settings.watchers(), 100 * load.watchersCpu, 100 * load.watchersCpu / settings.watchers(), 100 * load.childCpu(ETCD),
                100 * load.childCpu(DIRECTORY), 100 * load.childCpu(PLAIN));

        // memory
        System.out.printf(Locale.ROOT, "%n  memory per JVM, after three System.gc() (median of the JVMs of a kind)%n");
        System.out.printf(Locale.ROOT, "    %-36s %13s %18s %8s%n", "JVM", "heap used MB", "heap committed MB", "RSS MB");
        for (String kind : List.of(ETCD, DIRECTORY, PLAIN)) {
            System.out.printf(Locale.ROOT, "    %-36s %13s %18s %8s%n", (kind.equals(PLAIN) ? "no agent" : "under the agent, " + kind) + " (" + memory.get(kind).size()
                            + ")", Report.number(medianOf(memory.get(kind), 0)), Report.number(medianOf(memory.get(kind), 1)),
                    Report.number(medianOf(memory.get(kind), 2)));
        }
        double perWatcher = (watchers.heapAfter - watchers.heapBefore) / 1e6 / settings.watchers();
        System.out.printf(Locale.ROOT, "    %d etcd sources in one JVM keep %s MB of heap: %s MB per source (without the agent's own)%n", settings.watchers(),
                Report.number((watchers.heapAfter - watchers.heapBefore) / 1e6), Report.number(perWatcher));

        String etcdWhat = "an alias changed in etcd (a put): visible through InetAddress in " + settings.children() + " JVMs under the agent, p";
        String directoryBaseline = "the same change in the alias directory (register's rename), " + settings.children() + " JVMs under the agent";
        rows.ratio("visible-p50", version, etcdWhat + "50", etcdAgent.p(50), directoryBaseline, directoryAgent.p(50), "ms")
                .ratio("visible-p99", version, etcdWhat + "99", etcdAgent.p(99), directoryBaseline, directoryAgent.p(99), "ms");
        String allWhat = "an alias changed in etcd: visible in all " + everyEtcdWatcher.size() + " watchers (" + settings.watchers() + " in one JVM, "
                + settings.children() + " JVMs under the agent), p";
        String allBaseline = "the directory change visible in all " + settings.children() + " JVMs under the agent";
        rows.ratio("all-watchers-p50", version, allWhat + "50", etcdAll.allP(50), allBaseline, directoryAgent.allP(50), "ms")
                .ratio("all-watchers-p99", version, allWhat + "99", etcdAll.allP(99), allBaseline, directoryAgent.allP(99), "ms");
        String holding = " of a JVM under the agent holding " + String.format(Locale.ROOT, "%,d", settings.expectedNames()) + " names from etcd";
        rows.ratio("heap", version, "heap after full GC" + holding, medianOf(memory.get(ETCD), 0), "the same names from the directory",
                        medianOf(memory.get(DIRECTORY), 0), "MB")
                .ratio("rss", version, "RSS" + holding, medianOf(memory.get(ETCD), 2), "the same names from the directory", medianOf(memory.get(DIRECTORY), 2),
                        "MB");
        rows.difference("etcd-requests", version, "requests/s to etcd in steady state: " + String.format(Locale.ROOT, "%,d", settings.owners())
                        + " leases renewed every " + settings.ttlSeconds() / 3 + " s and " + (settings.watchers() + settings.children()) + " idle watchers",
                total, "the lease renewals alone", keepAlives, "req/s");
    }

    private static void raw(Object... fields) {
        StringBuilder line = new StringBuilder();
        for (Object field : fields) {
            line.append(line.length() == 0 ? "" : "\t").append(field);
        }
        RAW.append(line).append('\n');
    }

    /** The runner's rows' keys, for the performance table. */
    static final List<String> ROW_KEYS = List.of("visible-p50", "visible-p99", "all-watchers-p50", "all-watchers-p99", "heap", "rss", "etcd-requests",
            "startup-vs-directory", "startup-no-snapshot-vs-directory", "startup-vs-plain");

    private static double medianOf(List<double[]> values, int column) {
        List<Double> all = new ArrayList<>();
        for (double[] value : values) {
            all.add(value[column]);
        }
        return Report.median(all);
    }

    /** The steady state's figures. */
    private record Load(double seconds, Map<String, Double> handled, Map<String, Double> started, double watchStreams, double watchersGauge, double etcdCpu,
                        double etcdRssMb, double watchersCpu, Map<String, Double> childrenCpu) {
        double childCpu(String kind) {
            return childrenCpu.getOrDefault(kind, Double.NaN);
        }
    }

    private static Load measureLoad(Etcd etcd, EtcdFleet fleet, Watchers watchers, List<Child> children, int seconds) throws InterruptedException {
        Map<Long, Long> cpuBefore = new LinkedHashMap<>();
        List<Long> pids = new ArrayList<>();
        pids.add(watchers.jvm.pid());
        children.forEach(child -> pids.add(child.jvm.pid()));
        watchers.jvm.send("quiet"); // its sweeping thread stops: the JVM's CPU is then its sources'
        watchers.jvm.awaitLine("QUIET");
        pids.forEach(pid -> cpuBefore.put(pid, cpuNanos(pid)));
        EtcdMetrics before = new EtcdMetrics(etcd.member(0).metrics(), System.nanoTime());
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        EtcdMetrics after = new EtcdMetrics(etcd.member(0).metrics(), System.nanoTime());
        double wall = after.seconds(before);
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (Child child : children) {
            cpu.computeIfAbsent(child.kind, kind -> new ArrayList<>()).add((cpuNanos(child.jvm.pid()) - cpuBefore.get(child.jvm.pid())) / 1e9 / wall);
        }
        Map<String, Double> childrenCpu = new LinkedHashMap<>();
        cpu.forEach((kind, values) -> childrenCpu.put(kind, Report.median(values)));
        return new Load(wall, after.ratesSince(before, "grpc_server_handled_total"), after.ratesSince(before, "grpc_server_started_total"),
                after.value("etcd_debugging_mvcc_watch_stream_total"), after.value("etcd_debugging_mvcc_watcher_total"),
                after.rateSince(before, "process_cpu_seconds_total"), after.value("process_resident_memory_bytes") / 1e6,
                (cpuNanos(watchers.jvm.pid()) - cpuBefore.get(watchers.jvm.pid())) / 1e9 / wall, childrenCpu);
    }

    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    /** Whole-process wall times of each start-up variant, ms, by round. */
    private static final class Startup {
        final String jdk;
        final Map<String, List<Double>> walls = new LinkedHashMap<>();
        final Map<String, Integer> wrong = new LinkedHashMap<>();
        final List<String> wrongSamples = new ArrayList<>();
        long snapshotBytes;

        Startup(String jdk) {
            this.jdk = jdk;
            START_VARIANTS.forEach(variant -> {
                walls.put(variant, new ArrayList<>());
                wrong.put(variant, 0);
            });
        }

        double median(String variant) {
            return Report.median(walls.get(variant));
        }

        /** Median of the per-round differences {@code a - b}. */
        List<Double> differences(String a, String b) {
            List<Double> differences = new ArrayList<>();
            for (int i = 0; i < Math.min(walls.get(a).size(), walls.get(b).size()); i++) {
                differences.add(walls.get(a).get(i) - walls.get(b).get(i));
            }
            return differences;
        }

        String render() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%n  start-up: whole-process wall time of `java -jar small.jar NAME` (one alias lookup), %d rounds, each variant once in a new"
                            + " random order; the snapshot present is %.1f MB%n", walls.get(START_PLAIN).size(), snapshotBytes / 1e6));
            out.append(String.format(Locale.ROOT, "    %-44s %10s %18s %10s%n", "variant", "median ms", "p25 .. p75 ms", "wrong answers"));
            for (String variant : START_VARIANTS) {
                List<Double> values = walls.get(variant);
                out.append(String.format(Locale.ROOT, "    %-44s %10s %18s %10d%n", variant, Report.number(Report.median(values)),
                        Report.number(Report.percentile(values, 25)) + " .. " + Report.number(Report.percentile(values, 75)), wrong.get(variant)));
            }
            out.append(difference("etcd (snapshot) - directory", START_ETCD, START_DIRECTORY));
            out.append(difference("etcd (no snapshot) - directory", START_ETCD_COLD, START_DIRECTORY));
            out.append(difference("etcd (snapshot) - etcd (no snapshot)", START_ETCD, START_ETCD_COLD));
            out.append(difference("directory - plain java", START_DIRECTORY, START_PLAIN));
            out.append(difference("etcd (snapshot) - plain java", START_ETCD, START_PLAIN));
            for (String wrongAnswer : wrongSamples) {
                out.append("    wrong answer: ").append(wrongAnswer).append('\n');
            }
            return out.toString();
        }

        private String difference(String what, String a, String b) {
            List<Double> differences = differences(a, b);
            return String.format(Locale.ROOT, "    %-44s %10s ms (median of the rounds' differences; p25 .. p75 %s .. %s)%n", what,
                    Interleaved.signed(Report.median(differences)), Report.number(Report.percentile(differences, 25)),
                    Report.number(Report.percentile(differences, 75)));
        }
    }

    private static Startup startup(Jdk jdk, Settings settings, Path agent, EtcdLocation location, ChainFiles files, Path snapshots, Path startupJar)
            throws IOException {
        int last = settings.owners() - 1;
        String name = "svc-" + last + "-" + (settings.names() - 1) + ".bench";
        String expected = EtcdFleet.address(last);
        Path plainHosts = files.file("plain-hosts", expected + " " + name);
        Path warmSnapshot = snapshots.resolve("startup.snapshot");
        Startup startup = new Startup(jdk.runtimeVersion());
        Random random = new Random(SEED);
        List<String> order = new ArrayList<>(START_VARIANTS);
        int cold = 0;
        // the snapshot-present variant's file: written by a JVM of it that lived on for a while, as by any service that ran before
        runStartup(jdk, START_ETCD, startupLaunch(jdk, START_ETCD, agent, location, files, plainHosts, warmSnapshot), startupJar, List.of(name, "3000"),
                expected, null);
        if (!Files.isRegularFile(warmSnapshot)) {
            throw new IllegalStateException("a JVM under the agent that lived 3 s wrote no snapshot " + warmSnapshot);
        }
        startup.snapshotBytes = Files.size(warmSnapshot);
        for (int round = 0; round < settings.startupWarmup() + settings.startupRounds(); round++) {
            Collections.shuffle(order, random);
            for (String variant : order) {
                Path snapshot = variant.equals(START_ETCD_COLD) ? snapshots.resolve("cold-" + (cold++) + ".snapshot") : warmSnapshot;
                runStartup(jdk, variant, startupLaunch(jdk, variant, agent, location, files, plainHosts, snapshot), startupJar, List.of(name), expected,
                        round >= settings.startupWarmup() ? startup : null);
                if (variant.equals(START_ETCD_COLD)) {
                    Files.deleteIfExists(snapshot);
                }
            }
        }
        return startup;
    }

    private static JvmLaunch startupLaunch(Jdk jdk, String variant, Path agent, EtcdLocation location, ChainFiles files, Path plainHosts,
                                           Path snapshot) {
        JvmLaunch launch = JvmLaunch.on(jdk).directory(files.dir).timeout(Duration.ofSeconds(60));
        return switch (variant) {
            case START_PLAIN -> launch.property("jdk.net.hosts.file", plainHosts.toString());
            // log.level=info: a few lines (the install time, the source's state) that say why an answer was wrong
            case START_DIRECTORY -> launch.files(files).agent(agent, files.agentArguments("log.level=info"));
            default -> launch.files(files).agent(agent, "aliases=" + location + ";aliases.snapshot=" + snapshot + ";hostsFile=" + files.hostsFile
                    + ";resolvConf=" + files.resolvConf + ";log.level=info");
        };
    }

    private static void runStartup(Jdk jdk, String variant, JvmLaunch launch, Path jar, List<String> arguments, String expected, Startup into) {
        long started = System.nanoTime();
        JvmResult result = launch.jar(jar, arguments.toArray(String[]::new)).run();
        double millis = (System.nanoTime() - started) / 1e6;
        String answer = result.stdoutLines().isEmpty() ? "" : result.stdoutLines().get(0);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(variant + " on JDK " + jdk.feature() + " failed:\n" + result.describe());
        }
        if (into == null) {
            return;
        }
        into.walls.get(variant).add(millis);
        if (!answer.equals(expected)) {
            into.wrong.merge(variant, 1, Integer::sum);
            if (into.wrongSamples.size() < 5) {
                into.wrongSamples.add(variant + ", " + Math.round(millis) + " ms: " + answer + "; its log: " + String.join(" | ", result.stderrLines()));
            }
        }
    }

    /** A jar holding {@link EtcdStartupChild} only, its main class. */
    static Path startupJar(Path directory) throws IOException {
        Path jar = directory.resolve("small.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EtcdStartupChild.class.getName());
        String entry = EtcdStartupChild.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = EtcdStartupChild.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** One owner file per owner, as {@code register} writes it, modified an hour ago (nothing for the settle rule to wait for). */
    private static long writeDirectory(Path aliases, Settings settings) throws IOException {
        long old = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
        long bytes = 0;
        for (int i = 0; i < settings.owners(); i++) {
            String text = EtcdFleet.text(i, EtcdFleet.address(i), settings.names());
            Path file = Files.writeString(aliases.resolve(EtcdFleet.owner(i) + ".hosts"), text);
            Files.setLastModifiedTime(file, FileTime.fromMillis(old));
            bytes += text.length();
        }
        return bytes;
    }

    /** Room for every source's registry (about 24 MB each for 100,000 names) and a load's garbage. */
    private static String watchersHeap(Settings settings) {
        return "-Xmx" + Math.max(512, settings.watchers() * 64 + 256) + "m";
    }

    /** The class path of the watchers' JVM: this runner's (benchmarks.jar, or the module's classes and their dependencies). */
    private static Path[] classPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath());
            }
        }
        return entries.toArray(Path[]::new);
    }

    private static String commit(Path root) {
        try {
            return PerfTableRun.commit(root);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "an unknown commit (" + e.getMessage() + ")";
        }
    }

    private static String etcdVersion() {
        try {
            Process process = new ProcessBuilder("etcd", "--version").redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
            process.waitFor();
            return first.replace("etcd Version: ", "etcd ") + ", one member, --unsafe-no-fsync";
        } catch (IOException | InterruptedException e) {
            return "etcd";
        }
    }

    private static List<ChangeVisibility.Watcher> watchersOf(List<Child> children, String kind) {
        List<ChangeVisibility.Watcher> watchers = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).kind.equals(kind)) {
                watchers.add(new ChangeVisibility.Watcher(kind + " JVM " + children.get(i).jvm.pid(), children.get(i).seen));
            }
        }
        return watchers;
    }

    /** A JVM running {@link EtcdVisibilityChild}, and what it answered when. */
    private static final class Child {
        final String kind;
        final JvmLaunch launch;
        final List<ChangeVisibility.Seen> seen = new CopyOnWriteArrayList<>();
        RunningJvm jvm;

        Child(String kind, JvmLaunch launch) {
            this.kind = kind;
            this.launch = launch;
        }

        void start(long maxMillis) {
            jvm = launch.timeout(Duration.ofSeconds(30)).onStdout(this::read).onStderr(line -> System.out.println("  (" + kind + " JVM) " + line))
                    .main(EtcdVisibilityChild.class, WATCHED, String.valueOf(maxMillis)).start();
        }

        private void read(String line) {
            if (line.startsWith("V ")) {
                String[] parts = line.split(" ", 3);
                seen.add(new ChangeVisibility.Seen(Long.parseLong(parts[1]), parts[2]));
            }
        }

        void await(String answer, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (seen.stream().noneMatch(s -> s.answer().equals(answer))) {
                if (System.nanoTime() > deadline || jvm.hasEnded()) {
                    throw new IllegalStateException(kind + " JVM " + jvm.pid() + " did not answer " + answer + " for " + WATCHED + "; it answered " + seen);
                }
                Thread.sleep(10);
            }
        }
    }

    /** The JVM running {@link EtcdWatchersChild}, and what each of its sources answered when. */
    private static final class Watchers {
        final RunningJvm jvm;
        final List<List<ChangeVisibility.Seen>> seen = new ArrayList<>();
        final List<Double> loadMillis = new CopyOnWriteArrayList<>();
        volatile long heapBefore;
        volatile long heapAfter;

        Watchers(JvmLaunch launch, int count) {
            for (int i = 0; i < count; i++) {
                seen.add(new CopyOnWriteArrayList<>());
            }
            jvm = launch.onStdout(this::read).start();
        }

        private void read(String line) {
            String[] parts = line.split(" ", 4);
            switch (parts[0]) {
                case "S" -> seen.get(Integer.parseInt(parts[1])).add(new ChangeVisibility.Seen(Long.parseLong(parts[2]), parts[3]));
                case "LOADED" -> loadMillis.add(Double.parseDouble(parts[2]));
                case "HEAP" -> {
                    heapBefore = Long.parseLong(parts[1]);
                    heapAfter = Long.parseLong(parts[2]);
                }
                case "READY", "QUIET", "SWEEPING" -> { }
                default -> System.out.println("  (watchers) " + line);
            }
        }

        void awaitReady() throws InterruptedException {
            jvm.awaitLine("READY");
        }

        void awaitInitial(String answer, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            for (int i = 0; i < seen.size(); i++) {
                while (seen.get(i).stream().noneMatch(s -> s.answer().equals(answer))) {
                    if (System.nanoTime() > deadline || jvm.hasEnded()) {
                        throw new IllegalStateException("etcd source " + i + " of the watchers' JVM did not answer " + answer + "; it answered " + seen.get(i));
                    }
                    Thread.sleep(10);
                }
            }
        }

        List<ChangeVisibility.Watcher> watchers() {
            List<ChangeVisibility.Watcher> all = new ArrayList<>();
            for (int i = 0; i < seen.size(); i++) {
                all.add(new ChangeVisibility.Watcher("source " + i, seen.get(i)));
            }
            return all;
        }
    }
}
