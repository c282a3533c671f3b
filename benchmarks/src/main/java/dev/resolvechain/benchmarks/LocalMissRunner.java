package dev.resolvechain.benchmarks;

import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issues #4 and #5: a cache miss of the local tier (or with {@code --tier dns}, the host tier) against dnsmasq on loopback, side by side
 * with dnsjava's stock {@code Lookup} against the same dnsmasq, A and A+AAAA, in µs per lookup.
 * This JVM starts dnsmasq (the testkit harness: 127.0.0.1 and a free port, no system file read,
 * {@code address=/vip/192.0.2.1}, {@code address=/vip/2001:db8::1}, {@code cache-size=0}); for each
 * JDK a child JVM runs {@link LocalMissChild}.
 */
public final class LocalMissRunner {
    private static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks/target/benchmarks.jar dev.resolvechain.benchmarks.LocalMissRunner [options]",
            "  --warmup N   warm-up rounds (default 3)",
            "  --rounds N   measured rounds (default 10)",
            "  --ops N      lookups per round and mode (default 2000), in 50 slices alternating between the modes",
            "  --jdk PATH   a JDK home or java executable; repeat for several",
            "               (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64 and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64)",
            "  --tier T     local (the local tier, dnsmasq the local client; default) or dns (the host tier, dnsmasq the nameserver)",
            "  --quick      --warmup 1 --rounds 3 --ops 500",
            "  --rows FILE  also write the performance table's rows (benchmarks/perf-table.sh)");

    private LocalMissRunner() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 3;
        int rounds = 10;
        int ops = 2000;
        String tier = "local";
        List<Jdk> jdks = new ArrayList<>();
        Path rowsFile = null;
        CommandLine line = new CommandLine(args, USAGE);
        while (line.next()) {
            switch (line.option()) {
                case "--warmup" -> warmup = line.intValue();
                case "--rounds" -> rounds = line.intValue();
                case "--ops" -> ops = line.intValue();
                case "--tier" -> tier = line.value();
                case "--jdk" -> jdks.add(line.jdk());
                case "--rows" -> rowsFile = line.path();
                case "--quick" -> {
                    warmup = 1;
                    rounds = 3;
                    ops = 500;
                }
                default -> line.unknown();
            }
        }
        if (!Dnsmasq.installed()) {
            System.err.println("dnsmasq is not installed (Debian package dnsmasq-base): this benchmark needs it");
            System.exit(2);
        }
        jdks = jdks.isEmpty() ? Machine.defaultJdks() : jdks;
        System.out.printf(Locale.ROOT, "resolvechain %s tier cache miss vs dnsjava Lookup, against dnsmasq, %s%n", tier,
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        StringBuilder summary = new StringBuilder();
        PerfRows rows = new PerfRows();
        try (Dnsmasq dnsmasq = Dnsmasq.builder()
                .address("/" + LocalMissChild.DOMAIN + "/" + LocalMissChild.ADDRESS_V4)
                .address("/" + LocalMissChild.DOMAIN + "/" + LocalMissChild.ADDRESS_V6)
                .option("cache-size=0")
                .start()) {
            System.out.printf(Locale.ROOT, "  %s (%s), address=/%s/%s, address=/%s/%s, cache-size=0%n", dnsmasq, dnsmasqVersion(),
                    LocalMissChild.DOMAIN, LocalMissChild.ADDRESS_V4, LocalMissChild.DOMAIN, LocalMissChild.ADDRESS_V6);
            System.out.printf(Locale.ROOT, "  %d warm-up + %d rounds x %d lookups per mode; %s%n%n", warmup, rounds, ops, Machine.describe());
            summary.append(String.format(Locale.ROOT, "Summary: median µs per lookup, cache miss against dnsmasq on loopback%n"));
            summary.append(String.format(Locale.ROOT, "  %-8s %9s %10s %12s %8s %12s %14s %8s%n", "JDK", "floor A", tier + " A", "dnsjava A", "ratio",
                    tier + " A+AAAA", "dnsjava A,AAAA", "ratio"));
            for (Jdk jdk : jdks) {
                String version = jdk.runtimeVersion();
                System.out.println("JDK " + version);
                ChildJvm child = ChildJvm.run(JvmLaunch.on(jdk).option("-Xms256m", "-Xmx256m"), LocalMissChild.class, List.of(
                        "--dnsmasq", dnsmasq.endpoint(), "--tier", tier, "--warmup", "" + warmup, "--rounds", "" + rounds, "--ops", "" + ops),
                        true, "").orFail("the child on " + version);
                System.out.println();
                summary.append(String.format(Locale.ROOT, "  %-8s %9s %10s %12s %7sx %12s %14s %7sx%n", jdk.feature(),
                        Report.number(child.result("floor.us")), Report.number(child.result("tier.a.us")),
                        Report.number(child.result("dnsjava.a.us")), Report.number(child.result("dnsjava.a.us") / child.result("tier.a.us")),
                        Report.number(child.result("tier.both.us")), Report.number(child.result("dnsjava.both.us")),
                        Report.number(child.result("dnsjava.both.us") / child.result("tier.both.us"))));
                rows.ratio("a", version, tier + " tier, a new name per lookup, A", child.result("tier.a.us"), "dnsjava's Lookup, A",
                                child.result("dnsjava.a.us"), "µs")
                        .ratio("a-aaaa", version, tier + " tier, a new name per lookup, A+AAAA", child.result("tier.both.us"),
                                "dnsjava's Lookup, A then AAAA", child.result("dnsjava.both.us"), "µs");
            }
        }
        summary.append("  ratio: dnsjava / " + tier + " tier (x times slower)\n");
        System.out.print(summary);
        rows.write(rowsFile);
    }

    private static String dnsmasqVersion() {
        try {
            Process process = new ProcessBuilder("dnsmasq", "--version").redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse("");
            process.waitFor();
            return first.replaceAll("\\s+Copyright.*", "");
        } catch (Exception e) {
            return "version unknown";
        }
    }

}
