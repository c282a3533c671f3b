package dev.resolvechain.benchmarks;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** How the JMH benchmarks that talk to dnsmasq run: 1 s iterations, {@code --quick} for one short fork. */
final class Jmh {
    private Jmh() {
    }

    static void run(Class<?> benchmark, String[] args, int forks, int warmupIterations) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        new Runner(new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(quick ? 1 : forks)
                .warmupIterations(quick ? 2 : warmupIterations)
                .measurementIterations(quick ? 3 : 5)
                .warmupTime(TimeValue.seconds(1))
                .measurementTime(TimeValue.seconds(1))
                // dnsjava's static defaults (resolver, search path) must not come from the machine's resolv.conf
                .jvmArgsAppend("-Ddnsjava.configprovider.skipinit=true")
                .build()).run();
    }
}
