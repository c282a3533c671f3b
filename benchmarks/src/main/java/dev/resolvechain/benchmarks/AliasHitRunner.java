package dev.resolvechain.benchmarks;

import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link AliasHitBenchmark} in three differently started forks per JDK (agent, JDK hosts file
 * uncached, JDK cache hit) and prints them side by side with their ratios.
 *
 * <p>Each JMH run here is one fork of one mode. The forks are interleaved: round 1 runs every
 * (JDK, mode) once, then round 2 again (mode order rotated), and so on, so that a burst of load on
 * this shared machine hits every mode alike instead of one mode's whole run. Results are medians.
 */
public final class AliasHitRunner {
    private static final String USAGE = String.join("\n",
            "usage: java -jar benchmarks/target/benchmarks.jar [options]",
            "  --quick             1 round, 2 warm-up + 3 measured iterations of 500 ms (about 30 s for two JDKs)",
            "  --forks N           rounds; each round runs one fork of every JDK and mode (default 3)",
            "  --warmup N          warm-up iterations per fork (default 3)",
            "  --iterations N      measured iterations per fork (default 5)",
            "  --time MS           length of one iteration in ms (default 1000)",
            "  --jdk PATH          a JDK home or java executable for the forks; repeat for several",
            "                      (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64 and",
            "                       $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64, those that exist)",
            "  --modes LIST        comma-separated, of agent,jdk-uncached,jdk-cached (default all three)",
            "  --agent JAR         the agent (default: agent/target/resolvechain-agent.jar of this checkout)",
            "  --baseline-agent JAR  also mode agent-baseline: the agent mode with this jar (an older build, say),",
            "                      interleaved with the others, and the agent's speedup over it",
            "  --hosts-filler N    extra lines in the JDK's hosts file (default 0: 4 localhost lines + the 9 alias lines)",
            "  --no-gc             without JMH's GC profiler (the B/op column)",
            "  --prof NAME[:OPTS]  also a JMH profiler (e.g. stack, gc, jfr), whose output JMH prints; repeatable",
            "  --verbose           JMH's own output of every fork",
            "  --keep              keep the temporary directory with the files the forks read",
            "  --rows FILE         also write the performance table's rows (benchmarks/perf-table.sh)");

    private AliasHitRunner() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (settings.help) {
            System.out.println(USAGE);
            return;
        }
        int status = run(settings);
        System.exit(status);
    }

    private static int run(Settings settings) throws IOException, InterruptedException {
        if (!Files.isRegularFile(settings.agent)) {
            System.err.println("no agent jar at " + settings.agent + ": build it first (mvn -q -o package -DskipTests) or pass --agent");
            return 2;
        }
        Fixture fixture = Fixture.create(settings.hostsFiller);
        try {
            return run(settings, fixture);
        } finally {
            if (settings.keep) {
                System.out.println("kept " + fixture.directory);
            } else {
                fixture.delete();
            }
        }
    }

    private static int run(Settings settings, Fixture fixture) throws IOException, InterruptedException {
        Map<Jdk, String> versions = new LinkedHashMap<>();
        for (Jdk jdk : settings.jdks) {
            versions.put(jdk, jdk.runtimeVersion());
        }
        double perFork = (settings.warmup + settings.iterations) * settings.timeMillis / 1000.0 + 1.5;
        int forkCount = settings.forks * settings.jdks.size() * settings.modes.size();
        String startLoad = Machine.loadAverage();
        System.out.printf(Locale.ROOT, "resolvechain alias-hit benchmark, %s%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.printf(Locale.ROOT, "  %d rounds x %d JDKs x %d modes = %d forks of %d+%d iterations x %d ms: about %.0f s%n",
                settings.forks, settings.jdks.size(), settings.modes.size(), forkCount, settings.warmup,
                settings.iterations, settings.timeMillis, forkCount * perFork);
        System.out.printf(Locale.ROOT, "  lookup: InetAddress.getAllByName(\"%s\") -> %s; hosts file %d lines, %d bytes; %d cores; load average %s%n",
                Fixture.NAME, Fixture.ADDRESS, fixture.hostsLines, fixture.hostsBytes,
                Runtime.getRuntime().availableProcessors(), startLoad);
        System.out.println("  agent: " + settings.agent);
        if (settings.baselineAgent != null) {
            System.out.println("  agent-baseline: " + settings.baselineAgent);
        }

        Map<Jdk, Report> reports = new LinkedHashMap<>();
        for (Jdk jdk : settings.jdks) {
            reports.put(jdk, new Report());
        }
        long start = System.nanoTime();
        for (int round = 1; round <= settings.forks; round++) {
            for (Jdk jdk : settings.jdks) {
                for (int m = 0; m < settings.modes.size(); m++) {
                    String mode = settings.modes.get((m + round - 1) % settings.modes.size());
                    Report.Fork fork;
                    try {
                        fork = runFork(settings, fixture, jdk, mode, round);
                    } catch (RunnerException e) {
                        System.err.println("the " + mode + " fork on " + versions.get(jdk) + " failed: " + e.getMessage()
                                + (e.getCause() == null ? "" : "\n  " + e.getCause()));
                        System.err.println("(run with --verbose --quick --keep to see the fork's own output)");
                        return 1;
                    }
                    reports.get(jdk).add(mode, fork);
                    System.out.printf(Locale.ROOT, "  round %d/%d  JDK %-28s %-13s median %9s ns/op  (%.0f s elapsed)%n",
                            round, settings.forks, versions.get(jdk), mode, Report.number(fork.median()),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
        System.out.println();
        for (Jdk jdk : settings.jdks) {
            System.out.println(reports.get(jdk).render("JDK " + versions.get(jdk) + "  (" + jdk.java() + ")"));
        }
        System.out.printf(Locale.ROOT, "load average: %s at start, %s at end; %.0f s in all%n",
                startLoad, Machine.loadAverage(), (System.nanoTime() - start) / 1e9);
        rows(settings, reports, versions).write(settings.rows);
        System.out.println("ns/op: median of every measured iteration of every fork; spread: (max - min) / median of the fork medians;");
        System.out.println("ratio brackets: the same ratio per round (forks run back to back). B/op: JMH gc.alloc.rate.norm.");
        return 0;
    }

    private static PerfRows rows(Settings settings, Map<Jdk, Report> reports, Map<Jdk, String> versions) {
        PerfRows rows = new PerfRows();
        String what = "alias hit, InetAddress.getAllByName";
        for (Jdk jdk : settings.jdks) {
            Report report = reports.get(jdk);
            if (settings.modes.contains(Report.AGENT) && settings.modes.contains(Report.JDK_UNCACHED)) {
                rows.ratio("vs-jdk-hosts-file", versions.get(jdk), what, report.median(Report.AGENT), "the JDK reading its hosts file, cache off",
                        report.median(Report.JDK_UNCACHED), "ns");
            }
            if (settings.modes.contains(Report.AGENT) && settings.modes.contains(Report.JDK_CACHED)) {
                rows.ratio("vs-jdk-cache", versions.get(jdk), what, report.median(Report.AGENT), "the JDK's own cache hit",
                        report.median(Report.JDK_CACHED), "ns");
            }
            if (settings.baselineAgent != null) {
                rows.ratio("vs-baseline-agent", versions.get(jdk), what, report.median(Report.AGENT), "the agent of --baseline-agent",
                        report.median(Report.AGENT_BASELINE), "ns");
            }
        }
        return rows;
    }

    private static Report.Fork runFork(Settings settings, Fixture fixture, Jdk jdk, String mode, int round)
            throws RunnerException {
        List<String> base = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
        if (jdk.feature() >= 23) {
            base.add("--sun-misc-unsafe-memory-access=allow"); // JMH 1.37 uses Unsafe; JDK 24+ warns on stderr
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(AliasHitBenchmark.class.getName() + ".getAllByName")
                .forks(1)
                .threads(1)
                .warmupIterations(settings.warmup)
                .warmupTime(TimeValue.milliseconds(settings.timeMillis))
                .measurementIterations(settings.iterations)
                .measurementTime(TimeValue.milliseconds(settings.timeMillis))
                .timeUnit(TimeUnit.NANOSECONDS)
                .jvm(jdk.java().toString())
                // the same heap in every fork, and nothing inherited from however this runner was started
                .jvmArgs(base.toArray(new String[0]))
                .jvmArgsAppend(modeArguments(settings, fixture, mode))
                .shouldFailOnError(true)
                .verbosity(settings.verbose || !settings.profilers.isEmpty() ? VerboseMode.NORMAL : VerboseMode.SILENT);
        if (settings.gc) {
            options.addProfiler(GCProfiler.class);
        }
        for (String profiler : settings.profilers) {
            int colon = profiler.indexOf(':');
            if (colon < 0) {
                options.addProfiler(profiler);
            } else {
                options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
            }
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Double> iterations = new ArrayList<>();
        double bytesPerOp = Double.NaN;
        for (RunResult result : results) {
            for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    iterations.add(iteration.getPrimaryResult().getScore());
                }
                Result<?> allocation = benchmark.getSecondaryResults().get("gc.alloc.rate.norm");
                if (allocation != null) {
                    bytesPerOp = allocation.getScore();
                }
            }
        }
        if (iterations.isEmpty()) {
            throw new RunnerException("no result from the " + mode + " fork");
        }
        return new Report.Fork(round, iterations, bytesPerOp);
    }

    /** How a fork of {@code mode} is started; every mode names its files, none reads the machine's. */
    static String[] modeArguments(Settings settings, Fixture fixture, String mode) {
        List<String> args = new ArrayList<>();
        args.add("-D" + AliasHitBenchmark.MODE_PROPERTY + "=" + mode);
        args.add("-D" + AliasHitBenchmark.NAME_PROPERTY + "=" + Fixture.NAME);
        args.add("-D" + AliasHitBenchmark.EXPECT_PROPERTY + "=" + Fixture.ADDRESS);
        switch (mode) {
            case Report.AGENT:
            case Report.AGENT_BASELINE:
                args.add("-javaagent:" + (mode.equals(Report.AGENT) ? settings.agent : settings.baselineAgent) + "=" + fixture.agentArguments());
                // a safety net only: should the agent not install, the JDK's resolver finds nothing here
                // (and the setup fails) rather than reading /etc/hosts or asking DNS
                args.add("-Djdk.net.hosts.file=" + fixture.guardHostsFile);
                break;
            case Report.JDK_UNCACHED:
                args.add("-Djdk.net.hosts.file=" + fixture.hostsFile);
                args.add("-Dsun.net.inetaddr.ttl=0");
                args.add("-Dsun.net.inetaddr.negative.ttl=0");
                break;
            case Report.JDK_CACHED:
                args.add("-Djdk.net.hosts.file=" + fixture.hostsFile);
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
        return args.toArray(new String[0]);
    }

    static final class Settings {
        int forks = 3;
        int warmup = 3;
        int iterations = 5;
        int timeMillis = 1000;
        int hostsFiller;
        boolean gc = true;
        boolean verbose;
        boolean keep;
        boolean help;
        List<Jdk> jdks = new ArrayList<>();
        List<String> profilers = new ArrayList<>();
        List<String> modes = List.of(Report.AGENT, Report.JDK_UNCACHED, Report.JDK_CACHED);
        Path agent;
        Path baselineAgent;
        Path rows;

        static Settings parse(String[] args) {
            Settings settings = new Settings();
            List<Jdk> jdks = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--quick":
                        settings.forks = 1;
                        settings.warmup = 2;
                        settings.iterations = 3;
                        settings.timeMillis = 500;
                        break;
                    case "--forks":
                        settings.forks = positive(arg, value(args, ++i, arg));
                        break;
                    case "--warmup":
                        settings.warmup = Integer.parseInt(value(args, ++i, arg));
                        break;
                    case "--iterations":
                        settings.iterations = positive(arg, value(args, ++i, arg));
                        break;
                    case "--time":
                        settings.timeMillis = positive(arg, value(args, ++i, arg));
                        break;
                    case "--hosts-filler":
                        settings.hostsFiller = Integer.parseInt(value(args, ++i, arg));
                        break;
                    case "--jdk":
                        jdks.add(Jdk.of(Paths.get(value(args, ++i, arg))));
                        break;
                    case "--modes":
                        settings.modes = List.of(value(args, ++i, arg).split(","));
                        for (String mode : settings.modes) {
                            if (!List.of(Report.AGENT, Report.JDK_UNCACHED, Report.JDK_CACHED).contains(mode)) {
                                throw new IllegalArgumentException("unknown mode: " + mode);
                            }
                        }
                        break;
                    case "--agent":
                        settings.agent = Paths.get(value(args, ++i, arg)).toAbsolutePath();
                        break;
                    case "--baseline-agent":
                        settings.baselineAgent = Paths.get(value(args, ++i, arg)).toAbsolutePath();
                        break;
                    case "--rows":
                        settings.rows = Paths.get(value(args, ++i, arg)).toAbsolutePath();
                        break;
                    case "--prof":
                        settings.profilers.add(value(args, ++i, arg));
                        break;
                    case "--no-gc":
                        settings.gc = false;
                        break;
                    case "--verbose":
                        settings.verbose = true;
                        break;
                    case "--keep":
                        settings.keep = true;
                        break;
                    case "-h":
                    case "--help":
                        settings.help = true;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            settings.jdks = jdks.isEmpty() ? Machine.defaultJdks() : jdks;
            if (settings.baselineAgent != null && !settings.modes.contains(Report.AGENT_BASELINE)) {
                List<String> modes = new ArrayList<>(List.of(Report.AGENT_BASELINE));
                modes.addAll(settings.modes);
                settings.modes = modes;
            }
            if (settings.agent == null && !settings.help) {
                settings.agent = JvmLaunch.agentJar();
            }
            return settings;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String option, String value) {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1");
            }
            return n;
        }
    }
}
