package dev.resolvechain.benchmarks;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How the JMH benchmarks that talk to dnsmasq run, in forks of the JVM that runs this (so once per JDK): 1 s
 * iterations, {@code --quick} for one short fork, and with {@code --rows FILE} the performance table's rows.
 */
final class Jmh {
    /** A row of the performance table: the score of method {@code benchmark} against that of method {@code baseline}. */
    record Comparison(String key, String what, String benchmark, String baselineName, String baseline) {
    }

    private Jmh() {
    }

    static void run(Class<?> benchmark, String[] args, int forks, int warmupIterations, List<Comparison> comparisons) throws Exception {
        int iterations = 5;
        int millis = 1000;
        Path rows = null;
        CommandLine line = new CommandLine(args, String.join("\n",
                "usage: java -cp benchmarks/target/benchmarks.jar " + benchmark.getName() + " [options]   (measures the JDK that runs it)",
                "  --quick         --forks 1 --warmup 2 --iterations 3",
                "  --forks N       forks of each benchmark (default " + forks + ")",
                "  --warmup N      warm-up iterations per fork (default " + warmupIterations + ")",
                "  --iterations N  measured iterations per fork (default 5)",
                "  --time MS       length of an iteration (default 1000)",
                "  --rows FILE     also write the performance table's rows (benchmarks/perf-table.sh)"));
        while (line.next()) {
            switch (line.option()) {
                case "--quick" -> {
                    forks = 1;
                    warmupIterations = 2;
                    iterations = 3;
                }
                case "--forks" -> forks = line.intValue();
                case "--warmup" -> warmupIterations = line.intValue();
                case "--iterations" -> iterations = line.intValue();
                case "--time" -> millis = line.intValue();
                case "--rows" -> rows = line.path();
                default -> line.unknown();
            }
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(forks)
                .warmupIterations(warmupIterations)
                .measurementIterations(iterations)
                .warmupTime(TimeValue.milliseconds(millis))
                .measurementTime(TimeValue.milliseconds(millis))
                // dnsjava's static defaults (resolver, search path) must not come from the machine's resolv.conf
                .jvmArgsAppend("-Ddnsjava.configprovider.skipinit=true")
                .build()).run();
        PerfRows perfRows = new PerfRows();
        String jdk = System.getProperty("java.runtime.version");
        for (Comparison comparison : comparisons) {
            RunResult measured = result(results, comparison.benchmark());
            perfRows.ratio(comparison.key(), jdk, comparison.what(), measured.getPrimaryResult().getScore(), comparison.baselineName(),
                    result(results, comparison.baseline()).getPrimaryResult().getScore(), unit(measured.getPrimaryResult().getScoreUnit()));
        }
        perfRows.write(rows);
    }

    private static RunResult result(Collection<RunResult> results, String method) {
        return results.stream().filter(result -> result.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result of " + method));
    }

    /** JMH's "us/op" as the table's "µs". */
    private static String unit(String scoreUnit) {
        return scoreUnit.replace("/op", "").replace("us", "µs");
    }
}
