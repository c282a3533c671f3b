package dev.resolvechain.benchmarks;

import dev.resolvechain.benchmarks.Measurement.Kind;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one command behind benchmarks/perf-table.sh: runs every measurement in turn at HEAD, each writing its rows
 * ({@code --rows FILE}), checks that every row each must give is there for every JDK, and renders the table. A full
 * run merges its rows into benchmarks/results/perf-table.tsv, renders docs/performance.md's table from it and keeps
 * each measurement's output as benchmarks/results/NAME-DATE-COMMIT.txt; a quick run (the fewest rounds, only that
 * everything runs and gives its rows) writes under benchmarks/results/tmp/ only.
 */
public final class PerfTableRun {
    private static final List<String> NO_OPTIONS = List.of();
    private static final List<String> STARTUP_QUICK = List.of("--runs", "2", "--warmup", "0", "--install-runs", "1", "--classload-runs", "1",
            "--netty-runs", "1");
    private static final List<String> STARTUP_KEYS = List.of("hello-wall", "hello-cpu", "hello-vs-empty-agent", "first-alias-lookup", "netty-class-load");
    private static final List<String> MISS_QUICK = List.of("--warmup", "0", "--rounds", "1", "--ops", "100");
    private static final List<String> JMH_QUICK = List.of("--forks", "1", "--warmup", "1", "--iterations", "1", "--time", "200");

    static final List<Measurement> MEASUREMENTS = List.of(
            new Measurement("startup", "Start-up: hello world, one alias lookup, Netty's resolver loaded", Kind.SCRIPT, "startup.sh", false,
                    NO_OPTIONS, List.of(), STARTUP_QUICK, STARTUP_KEYS),
            new Measurement("startup-1cpu", "Start-up on one CPU", Kind.SCRIPT, "startup.sh", false, NO_OPTIONS,
                    List.of("--cpus", "0"), concat(STARTUP_QUICK, List.of("--cpus", "0")), STARTUP_KEYS),
            new Measurement("alias-hit", "Alias hit through InetAddress (JMH)", Kind.RUNNER, "AliasHitRunner", false, NO_OPTIONS,
                    List.of(), List.of("--forks", "1", "--warmup", "1", "--iterations", "1", "--time", "200"),
                    List.of("vs-jdk-hosts-file", "vs-jdk-cache")),
            new Measurement("reload", "Alias directory: full load, heap kept, one owner's change", Kind.PER_JDK, "ReloadBenchmark", false,
                    List.of("-Xms512m", "-Xmx2g"), List.of("--layout", "100000x1", "--layout", "10000x10"),
                    List.of("--layout", "1000x1", "--layout", "100x10", "--warmup", "0", "--runs", "1", "--changes", "1"),
                    List.of("full-load-1-name", "heap-1-name", "change-by-event-1-name", "change-by-poll-1-name",
                            "full-load-10-names", "heap-10-names", "change-by-event-10-names", "change-by-poll-10-names")),
            new Measurement("change-to-visible", "Alias change to visible in other JVMs", Kind.RUNNER, "ChangeToVisibleRunner", false, NO_OPTIONS,
                    List.of(), List.of("--children", "1", "--changes", "2", "--owners", "10"),
                    List.of("in-place-p50", "in-place-p99", "rename-p50", "rename-p99")),
            new Measurement("local-down", "Local client hung and marked down", Kind.RUNNER, "LocalDownRunner", false, NO_OPTIONS,
                    List.of(), List.of("--quick", "--warmup", "0", "--rounds", "1", "--ops", "100", "--agent-rounds", "1", "--lookups", "100",
                            "--agent-warmup", "100"),
                    List.of("skipped-exchange", "skipped-cache-hit", "agent-skipped-exchange", "agent-skipped-cache-hit", "vs-hung-first-resolver")),
            new Measurement("local-down-netns", "A hung nameserver 127.0.0.1 listed first, in a network namespace", Kind.SCRIPT,
                    "local-down-netns.sh", true, NO_OPTIONS, List.of(),
                    List.of("--runs", "1", "--ok-runs", "2", "--no-defaults", "--jdk-lookups", "1", "--lookups", "100", "--warmup", "100",
                            "--jvm-rounds", "1"),
                    List.of("vs-glibc-hung-first", "vs-no-local-tier")),
            new Measurement("local-miss", "Local tier cache miss, dnsmasq on loopback", Kind.RUNNER, "LocalMissRunner", false, NO_OPTIONS,
                    List.of(), MISS_QUICK, List.of("a", "a-aaaa")),
            new Measurement("dns-miss-loopback", "DNS cache miss, the nameserver on loopback", Kind.RUNNER, "LocalMissRunner", false, NO_OPTIONS,
                    List.of("--tier", "dns"), concat(List.of("--tier", "dns"), MISS_QUICK), List.of("a", "a-aaaa")),
            new Measurement("dns-miss-jmh", "DNS tier, the nameserver on loopback (JMH)", Kind.PER_JDK, "DnsMissBenchmark", false, NO_OPTIONS,
                    List.of(), JMH_QUICK, List.of("miss-a", "miss-a-aaaa", "hit-a-aaaa")),
            new Measurement("dns-miss-netns", "DNS cache miss, the nameserver behind a veth pair in a network namespace", Kind.SCRIPT,
                    "dns-miss-netns.sh", true, NO_OPTIONS, List.of("--jvm-rounds", "10"),
                    List.of("--lookups", "100", "--warmup", "100", "--jvm-rounds", "1"), List.of("warm", "early", "first-lookup")),
            new Measurement("first-lookup-300ms", "A JVM's first DNS lookup 0.3 s after start, the nameserver behind a veth pair", Kind.SCRIPT,
                    "dns-miss-netns.sh", true, NO_OPTIONS, List.of("--pause", "300", "--first-only", "--lookups", "10", "--warmup", "0", "--jvm-rounds", "10"),
                    List.of("--pause", "300", "--first-only", "--lookups", "10", "--warmup", "0", "--jvm-rounds", "1"), List.of("first-lookup")),
            new Measurement("fault-matrix", "Host tier under faults, nameservers behind a veth pair", Kind.SCRIPT, "fault-matrix-netns.sh", true,
                    NO_OPTIONS, List.of(), List.of("--quick", "--only", "0,1"), List.of("healthy-p50", "first-silent-p50")),
            new Measurement("netty", "Netty's DnsNameResolver under the agent", Kind.RUNNER, "NettyResolverRunner", true, NO_OPTIONS,
                    List.of(), List.of("--rounds", "1", "--hit-ops", "1000", "--miss-ops", "100"),
                    List.of("alias-vs-cache-hit", "dns-hit-vs-cache-hit", "miss")),
            new Measurement("lookup-log", "The bookkeeping of every lookup (JMH)", Kind.PER_JDK, "LookupLogBenchmark", false, NO_OPTIONS,
                    List.of(), JMH_QUICK, List.of("alias", "miss")),
            new Measurement("etcd", "The etcd alias source: 10,000 owners under leases, 53 watchers, against the alias directory", Kind.RUNNER,
                    "EtcdRunner", false, NO_OPTIONS, List.of(), List.of("--quick"), EtcdRunner.ROW_KEYS));

    private static final String USAGE = String.join("\n",
            "usage: benchmarks/perf-table.sh [--quick|--full] [--out FILE] [--only NAME,...]",
            "  --full          every measurement with its own full settings (about 45 min): the rows are merged into",
            "                  benchmarks/results/perf-table.tsv, the table rendered into docs/performance.md, each output kept",
            "                  as benchmarks/results/NAME-DATE-COMMIT.txt (default)",
            "  --quick         the fewest rounds, only to check that every measurement runs and gives its rows (about 4 min);",
            "                  writes under benchmarks/results/tmp/ only, never the docs",
            "  --out FILE      also write the rendered table to FILE",
            "  --only LIST     these measurements only (the others keep their rows in a full run), of:",
            "                  " + String.join(",", MEASUREMENTS.stream().map(Measurement::name).toList()),
            "Both JDKs ($JDK17 or /usr/lib/jvm/java-17-openjdk-amd64, $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64, those installed).",
            "Measurements in network namespaces, and Netty's (port 53), need root: without it they are skipped, and under CI=true",
            "the run fails. Exit status 1 when a measurement fails or a row is missing, naming it.");

    private PerfTableRun() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = null;
        List<Measurement> selected = MEASUREMENTS;
        CommandLine line = new CommandLine(args, USAGE);
        while (line.next()) {
            switch (line.option()) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--out" -> out = line.path();
                case "--only" -> selected = only(line, line.value());
                default -> line.unknown();
            }
        }
        System.exit(run(quick, out, selected));
    }

    private static List<Measurement> only(CommandLine line, String names) {
        List<String> wanted = Arrays.asList(names.split(","));
        List<Measurement> selected = MEASUREMENTS.stream().filter(m -> wanted.contains(m.name())).toList();
        if (selected.size() != new LinkedHashSet<>(wanted).size()) {
            throw line.fail("--only: unknown measurement in " + names);
        }
        return selected;
    }

    private static int run(boolean quick, Path out, List<Measurement> selected) throws IOException, InterruptedException {
        List<Measurement> runnable = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean isRoot = "root".equals(System.getProperty("user.name"));
        for (Measurement measurement : selected) {
            if (measurement.needsRoot() && !isRoot) {
                skipped.add(measurement.name() + " (" + String.join(", ", measurement.keys()) + ")");
            } else {
                runnable.add(measurement);
            }
        }
        if (!skipped.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            System.err.println("perf-table: CI=true and not root: these measurements need root and cannot run: " + String.join("; ", skipped));
            return 1;
        }
        // the checkout: benchmarks.jar is ROOT/benchmarks/target/benchmarks.jar
        Path root = JvmLaunch.codeSource(PerfTableRun.class).getParent().getParent().getParent();
        String commit = commit(root);
        Path runDirectory = Files.createDirectories(root.resolve("benchmarks/results/tmp/perf-table-" + (quick ? "quick-" : "full-")
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        Session session = new Session(quick, root, Machine.defaultJdks(), Path.of(System.getProperty("java.home"), "bin", "java"), commit,
                LocalDate.now().toString(), runDirectory, quick ? runDirectory : root.resolve("benchmarks/results"));
        List<String> versions = session.jdks().stream().map(Jdk::runtimeVersion).toList();
        System.out.printf(Locale.ROOT, "resolvechain performance table, %s run at %s (%s), JDKs %s; %s%n", quick ? "quick" : "full", commit,
                session.date(), String.join(", ", versions), Machine.describe());
        System.out.println("  outputs: " + runDirectory + (quick ? "" : " and " + session.rawDirectory()));

        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<PerfTable.Row> fresh = new ArrayList<>();
        Set<String> measured = new LinkedHashSet<>();
        List<String> timings = new ArrayList<>();
        for (int i = 0; i < runnable.size(); i++) {
            Measurement measurement = runnable.get(i);
            long measurementStarted = System.nanoTime();
            Measured result = measure(session, measurement, (i + 1) + "/" + runnable.size());
            List<String> missing = result.failure() == null ? PerfTable.missing(measurement, result.rows(), versions) : List.of();
            if (result.failure() != null) {
                problems.add(result.failure());
            } else if (!missing.isEmpty()) {
                problems.add("missing rows: " + String.join("; ", missing));
            } else {
                measured.add(measurement.name());
            }
            fresh.addAll(result.rows());
            timings.add(String.format(Locale.ROOT, "  %-18s %4.0f s, %2d rows%s", measurement.name(), (System.nanoTime() - measurementStarted) / 1e9,
                    result.rows().size(), result.failure() != null ? ", FAILED" : missing.isEmpty() ? "" : ", rows missing"));
        }

        String table;
        if (quick) {
            table = PerfTable.render(fresh, MEASUREMENTS, "benchmarks/perf-table.sh --quick (figures only check that it runs)", runDirectory.toString());
            Files.writeString(runDirectory.resolve("perf-table.md"), table + "\n");
            Files.writeString(runDirectory.resolve("perf-table.tsv"), PerfTable.lines(fresh));
        } else {
            Path stored = root.resolve("benchmarks/results/perf-table.tsv");
            List<PerfTable.Row> rows = PerfTable.merge(Files.exists(stored) ? PerfTable.parse(Files.readAllLines(stored)) : List.of(), fresh, measured,
                    MEASUREMENTS);
            Files.writeString(stored, PerfTable.lines(rows));
            table = PerfTable.render(rows, MEASUREMENTS, "benchmarks/perf-table.sh --full", "benchmarks/results");
            Path docs = root.resolve("docs/performance.md");
            Files.writeString(docs, PerfTable.replaceRegion(Files.readString(docs), table));
        }
        if (out != null) {
            Files.writeString(out, table + "\n");
        }

        System.out.printf(Locale.ROOT, "%n=== performance table, %s run at %s: %.1f min in all%n", quick ? "quick" : "full", commit,
                (System.nanoTime() - started) / 60e9);
        timings.forEach(System.out::println);
        System.out.println("  table: " + (quick ? runDirectory.resolve("perf-table.md") : "docs/performance.md (rows: benchmarks/results/perf-table.tsv)")
                + (out != null ? " and " + out : ""));
        if (!skipped.isEmpty()) {
            System.out.println("  skipped, not root: " + String.join("; ", skipped));
        }
        for (String problem : problems) {
            System.out.println("  FAILED: " + problem);
        }
        return problems.isEmpty() ? 0 : 1;
    }

    /** What a run is: its mode, the checkout, the JDKs, the java of a runner, what its rows are stamped with, where its outputs go. */
    private record Session(boolean quick, Path root, List<Jdk> jdks, Path java, String commit, String date, Path runDirectory,
                           Path rawDirectory) {
    }

    /** A measurement's rows, and what went wrong (null: nothing). */
    private record Measured(List<PerfTable.Row> rows, String failure) {
    }

    /** Runs each command of {@code measurement}, its output kept as NAME-DATE-COMMIT.txt, and reads the rows each wrote. */
    private static Measured measure(Session session, Measurement measurement, String progress) throws IOException, InterruptedException {
        Path raw = session.rawDirectory().resolve(measurement.name() + "-" + session.date() + "-" + session.commit() + ".txt");
        Files.deleteIfExists(raw);
        List<PerfTable.Row> rows = new ArrayList<>();
        for (Measurement.Command command : measurement.commands(session.quick(), session.jdks(), session.java(), session.root(),
                session.runDirectory().resolve(measurement.name() + ".rows"))) {
            System.out.printf(Locale.ROOT, "%n=== [%s] %s: %s%n", progress, measurement.name(), String.join(" ", command.line()));
            int status = run(command.line(), session.root(), raw);
            if (status != 0) {
                return new Measured(rows, measurement.name() + ": exit status " + status + " (output: " + raw + ")");
            }
            try {
                for (String row : Files.exists(command.rows()) ? Files.readAllLines(command.rows()) : List.<String>of()) {
                    rows.add(new PerfTable.Row(measurement.name(), PerfRow.parse(row), session.commit(), session.date()));
                }
            } catch (IllegalArgumentException e) {
                return new Measured(rows, measurement.name() + ": a row does not parse: " + e.getMessage());
            }
        }
        return new Measured(rows, null);
    }

    /** Runs {@code command} in {@code root}, its output (and error) shown and appended to {@code raw}; its exit status. */
    private static int run(List<String> command, Path root, Path raw) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8);
             Writer writer = Files.newBufferedWriter(raw, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println(line);
                writer.write(line);
                writer.write('\n');
            }
        }
        return process.waitFor();
    }

    /**
     * {@code git rev-parse --short HEAD}, with {@code -dirty} when the tree has changes: other than in what this command
     * writes itself (docs/performance.md, benchmarks/results/), which a run with {@code --only} leaves changed for the next.
     */
    static String commit(Path root) throws IOException, InterruptedException {
        String head = git(root, "rev-parse", "--short", "HEAD").strip();
        String changes = git(root, "status", "--porcelain", "--", ".", ":!docs/performance.md", ":!benchmarks/results");
        return changes.isBlank() ? head : head + "-dirty";
    }

    private static String git(Path root, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
        return output;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
