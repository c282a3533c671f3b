package dev.resolvechain.benchmarks;

import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.testkit.Trees;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #4, measurement 1: what a lookup costs while the local discovery client is hung and marked
 * down ({@code local.onDown=fallthrough}): the local tier is skipped at once, against the same chain
 * without a local tier (target: under 1 ms added), and against resolvers that pay the timeout.
 *
 * <p>This JVM starts two {@link TestDnsServer}s on loopback: a hung local client ({@link Fault#drop()}:
 * takes every query, answers none) and a working nameserver with {@code svc.bench.test} (A and
 * AAAA, TTL 0) and {@code cached.bench.test} (TTL 3600). For each JDK it then runs, in child JVMs:
 * <ol>
 *   <li>{@link LocalDownChild}: the chain in-process, built by {@code ChainFactory} from agent-style
 *       arguments, the two chains side by side, then fresh chains' first lookups and plain resolvers;</li>
 *   <li>{@link LookupLoop} under the agent, {@code InetAddress.getAllByName}, with and without
 *       {@code local=}, in alternating JVMs ({@code --agent-rounds} of each).</li>
 * </ol>
 */
public final class LocalDownRunner {
    private static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks/target/benchmarks.jar dev.resolvechain.benchmarks.LocalDownRunner [options]",
            "  --warmup N         in-process warm-up rounds (default 3)",
            "  --rounds N         in-process measured rounds (default 10)",
            "  --ops N            in-process lookups per round and mode, DNS exchange (default 1000; cache hits: 20x)",
            "  --agent-rounds N   child JVMs under the agent per mode and JDK (default 3)",
            "  --lookups N        lookups per name and phase in each agent child: early (right after the first 3) and warm (default 2000)",
            "  --agent-warmup N   lookups per name in each agent child between the two phases, not counted (default 20000)",
            "  --jdk PATH         a JDK home or java executable; repeat for several",
            "                     (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64 and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64)",
            "  --agent JAR        the agent (default: agent/target/resolvechain-agent.jar of this checkout)",
            "  --no-agent         only the in-process part",
            "  --quick            --warmup 1 --rounds 3 --ops 500 --agent-rounds 1 --lookups 1000 --agent-warmup 5000, fewer timeout samples",
            "  --rows FILE        also write the performance table's rows (benchmarks/perf-table.sh)");
    static final String AGENT_DOWN = "agent, local down";
    static final String AGENT_NOLOCAL = "agent, no local tier";
    /** The children's heap, fixed so that no resizing shows in the times. */
    private static final String[] HEAP = {"-Xms256m", "-Xmx256m"};

    private LocalDownRunner() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 3;
        int rounds = 10;
        int ops = 1000;
        int agentRounds = 3;
        int lookups = 2000;
        int agentWarmup = 20_000;
        int fresh = 5;
        int plain = 8;
        boolean withAgent = true;
        List<Jdk> jdks = new ArrayList<>();
        Path agent = null;
        Path rowsFile = null;
        CommandLine line = new CommandLine(args, USAGE);
        while (line.next()) {
            switch (line.option()) {
                case "--warmup" -> warmup = line.intValue();
                case "--rounds" -> rounds = line.intValue();
                case "--ops" -> ops = line.intValue();
                case "--agent-rounds" -> agentRounds = line.intValue();
                case "--lookups" -> lookups = line.intValue();
                case "--agent-warmup" -> agentWarmup = line.intValue();
                case "--jdk" -> jdks.add(line.jdk());
                case "--agent" -> agent = line.path();
                case "--no-agent" -> withAgent = false;
                case "--rows" -> rowsFile = line.path();
                case "--quick" -> {
                    warmup = 1;
                    rounds = 3;
                    ops = 500;
                    agentRounds = 1;
                    lookups = 1000;
                    agentWarmup = 5000;
                    fresh = 2;
                    plain = 4;
                }
                default -> line.unknown();
            }
        }
        agent = withAgent ? CommandLine.agentJar(agent) : agent;
        jdks = jdks.isEmpty() ? Machine.defaultJdks() : jdks;

        System.out.printf(Locale.ROOT, "resolvechain local client down: lookups falling through, %s%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        try (TestDnsServer hung = TestDnsServer.start().fault(Fault.drop()).recordQueries(false);
             TestDnsServer good = TestDnsServer.start().recordQueries(false)) {
            good.a(LocalDownChild.UNCACHED_NAME, 0, LocalDownChild.ADDRESS_V4).aaaa(LocalDownChild.UNCACHED_NAME, 0, LocalDownChild.ADDRESS_V6)
                    .a(LocalDownChild.CACHED_NAME, 3600, LocalDownChild.ADDRESS_V4).aaaa(LocalDownChild.CACHED_NAME, 3600, LocalDownChild.ADDRESS_V6);
            System.out.printf(Locale.ROOT, "  hung local client %s (TestDnsServer, Fault.drop: takes queries, never answers)%n", hung.endpoint());
            System.out.printf(Locale.ROOT, "  working nameserver %s (TestDnsServer: %s TTL 0, %s TTL 3600, A %s + AAAA %s)%n",
                    good.endpoint(), LocalDownChild.UNCACHED_NAME, LocalDownChild.CACHED_NAME, LocalDownChild.ADDRESS_V4, LocalDownChild.ADDRESS_V6);
            System.out.printf(Locale.ROOT, "  in-process: %d warm-up + %d rounds x %d lookups (cache hits x %d); agent: %d JVMs per mode, %d early + %d warm-up + %d warm lookups per name%n",
                    warmup, rounds, ops, ops * 20, agentRounds, lookups, agentWarmup, lookups);
            System.out.printf(Locale.ROOT, "  %s%s%n%n", withAgent ? "agent " + agent + "; " : "", Machine.describe());

            Path dir = Files.createTempDirectory("resolvechain-localdown-agent-");
            StringBuilder summary = new StringBuilder();
            PerfRows rows = new PerfRows();
            try {
                ChainFiles files = new ChainFiles(dir).hosts("# empty").resolvConf("# no nameserver: nameservers= is given")
                        .jdkHosts("# empty: the JDK's own resolver finds nothing here");
                for (Jdk jdk : jdks) {
                    String version = jdk.runtimeVersion();
                    System.out.println("JDK " + version);
                    ChildJvm inProcess = ChildJvm.run(JvmLaunch.on(jdk).option(HEAP), LocalDownChild.class, List.of(
                            "--hung", hung.endpoint(), "--good", good.endpoint(), "--warmup", "" + warmup, "--rounds", "" + rounds,
                            "--ops-uncached", "" + ops, "--ops-cached", "" + ops * 20, "--fresh", "" + fresh, "--plain", "" + plain),
                            true, "").orFail("the in-process child on " + version);
                    Map<String, List<double[]>> agentStats = withAgent
                            ? agentChildren(jdk, agent, hung, good, files, agentRounds, lookups, agentWarmup) : Map.of();
                    summary.append(summary(version, inProcess, agentStats));
                    rows(rows, version, inProcess, agentStats);
                    System.out.println();
                }
            } finally {
                Trees.delete(dir);
            }
            System.out.print(summary);
            rows.write(rowsFile);
        }
    }

    private static void rows(PerfRows rows, String version, ChildJvm inProcess, Map<String, List<double[]>> agent) {
        String noLocal = "the same chain without a local tier";
        rows.difference("skipped-exchange", version, "in-process, the hung local client marked down and skipped, a DNS exchange",
                        inProcess.result("inproc.down.uncached.us"), noLocal, inProcess.result("inproc.nolocal.uncached.us"), "µs")
                .difference("skipped-cache-hit", version, "in-process, the hung local client marked down and skipped, a dns-tier cache hit",
                        inProcess.result("inproc.down.cached.us"), noLocal, inProcess.result("inproc.nolocal.cached.us"), "µs")
                .ratio("vs-hung-first-resolver", version, "in-process, a lookup with the hung local client marked down and skipped",
                        inProcess.result("inproc.down.uncached.us") / 1000, "a resolver asking the hung client first (DnsClient [hung, good], 250 ms)",
                        inProcess.result("plain.dnsclient.ms"), "ms");
        if (!agent.isEmpty()) {
            String agentNoLocal = "the agent without a local tier";
            rows.difference("agent-skipped-exchange", version, "InetAddress under the agent, the hung local client skipped, a DNS exchange, warm",
                            medianOf(agent.get(AGENT_DOWN), WARM_EXCHANGE), agentNoLocal, medianOf(agent.get(AGENT_NOLOCAL), WARM_EXCHANGE), "µs")
                    .difference("agent-skipped-cache-hit", version, "InetAddress under the agent, the hung local client skipped, a dns-tier cache hit, warm",
                            medianOf(agent.get(AGENT_DOWN), WARM_HIT), agentNoLocal, medianOf(agent.get(AGENT_NOLOCAL), WARM_HIT), "µs");
        }
    }

    /** Columns of an agent child's row. */
    private static final int EARLY_EXCHANGE = 0;
    private static final int EARLY_HIT = 1;
    private static final int WARM_EXCHANGE = 2;
    private static final int WARM_EXCHANGE_P99 = 3;
    private static final int WARM_HIT = 4;
    private static final int WARM_HIT_P99 = 5;
    private static final int FIRST = 6; // FIRST + 0..2: lookups 1..3, ms

    /** Agent children, alternating the modes; per mode, one row per child (the columns above). */
    private static Map<String, List<double[]>> agentChildren(Jdk jdk, Path agent, TestDnsServer hung, TestDnsServer good,
                                                             ChainFiles files, int rounds, int lookups, int agentWarmup) {
        String common = "nameservers=" + good.endpoint() + ";hostsFile=" + files.hostsFile + ";resolvConf=" + files.resolvConf + ";log.level=warn";
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put(AGENT_DOWN, "local=" + hung.endpoint() + ";local.domains=*;local.onDown=fallthrough;local.timeout=250ms;" + common);
        modes.put(AGENT_NOLOCAL, common);
        List<String> order = new ArrayList<>(modes.keySet());
        Map<String, List<double[]>> stats = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "  Under the agent, InetAddress.getAllByName (A+AAAA), one JVM per line, µs per lookup: early = the %d lookups per name"
                + " after the first 3, warm = %d more after %d warm-up%n", lookups, lookups, agentWarmup);
        System.out.printf(Locale.ROOT, "  %-22s %-22s %-30s %-30s %s%n", "mode", "early: exchange / hit", "warm exchange: median / p99",
                "warm cache hit: median / p99", "lookups 1, 2, 3 (ms)");
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < order.size(); m++) {
                String mode = order.get((round + m) % order.size());
                ChildJvm child = ChildJvm.run(JvmLaunch.on(jdk).files(files).option(HEAP).agent(agent, modes.get(mode)), LookupLoop.class,
                        List.of("--name", LocalDownChild.UNCACHED_NAME, "--name", LocalDownChild.CACHED_NAME, "--expect", LocalDownChild.ADDRESS_V4,
                                "--first", "3", "--early", "" + lookups, "--warmup", "" + agentWarmup, "--lookups", "" + lookups),
                        false, "    ").orFail(mode + " child");
                double[] row = new double[FIRST + 3];
                for (String line : child.lines()) {
                    String[] f = line.split(" ");
                    if (f[0].equals("STATS")) {
                        boolean early = f[1].equals("early");
                        boolean exchange = f[2].equals(LocalDownChild.UNCACHED_NAME);
                        double median = Double.parseDouble(f[3]);
                        double p99 = Double.parseDouble(f[5]);
                        if (early) {
                            row[exchange ? EARLY_EXCHANGE : EARLY_HIT] = median;
                        } else {
                            row[exchange ? WARM_EXCHANGE : WARM_HIT] = median;
                            row[exchange ? WARM_EXCHANGE_P99 : WARM_HIT_P99] = p99;
                        }
                    } else if (f[0].equals("FIRST")) {
                        row[FIRST + Integer.parseInt(f[1]) - 1] = Double.parseDouble(f[2]);
                    } else if (!f[0].equals("JDK") && !line.isBlank()) {
                        System.out.println("    (" + mode + ") " + line);
                    }
                }
                System.out.printf(Locale.ROOT, "  %-22s %-22s %-30s %-30s %s, %s, %s%n", mode,
                        Report.number(row[EARLY_EXCHANGE]) + " / " + Report.number(row[EARLY_HIT]),
                        Report.number(row[WARM_EXCHANGE]) + " / " + Report.number(row[WARM_EXCHANGE_P99]),
                        Report.number(row[WARM_HIT]) + " / " + Report.number(row[WARM_HIT_P99]),
                        Report.number(row[FIRST]), Report.number(row[FIRST + 1]), Report.number(row[FIRST + 2]));
                stats.computeIfAbsent(mode, k -> new ArrayList<>()).add(row);
            }
        }
        return stats;
    }

    private static String summary(String version, ChildJvm inProcess, Map<String, List<double[]>> agent) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Summary, JDK %s: median per lookup; added = local client down - no local tier%n", version));
        out.append(String.format(Locale.ROOT, "  %-44s %12s %12s %12s  %s%n", "", "down µs", "no local µs", "added µs", "target < 1000 µs added"));
        row(out, "in-process, DNS exchange", inProcess.result("inproc.down.uncached.us"), inProcess.result("inproc.nolocal.uncached.us"));
        row(out, "in-process, dns-tier cache hit", inProcess.result("inproc.down.cached.us"), inProcess.result("inproc.nolocal.cached.us"));
        if (!agent.isEmpty()) {
            row(out, "agent, InetAddress, DNS exchange, warm", medianOf(agent.get(AGENT_DOWN), WARM_EXCHANGE),
                    medianOf(agent.get(AGENT_NOLOCAL), WARM_EXCHANGE));
            row(out, "agent, InetAddress, dns-tier cache hit, warm", medianOf(agent.get(AGENT_DOWN), WARM_HIT),
                    medianOf(agent.get(AGENT_NOLOCAL), WARM_HIT));
            row(out, "agent, InetAddress, DNS exchange, early", medianOf(agent.get(AGENT_DOWN), EARLY_EXCHANGE),
                    medianOf(agent.get(AGENT_NOLOCAL), EARLY_EXCHANGE));
            row(out, "agent, InetAddress, dns-tier cache hit, early", medianOf(agent.get(AGENT_DOWN), EARLY_HIT),
                    medianOf(agent.get(AGENT_NOLOCAL), EARLY_HIT));
        }
        double skipped = inProcess.result("inproc.down.uncached.us") / 1000;
        out.append(String.format(Locale.ROOT, "  before it is marked down (fresh chain): lookup 1 %s ms, lookup 2 %s ms, lookup 3 %s ms%n",
                Report.number(inProcess.result("fresh.lookup1.ms")), Report.number(inProcess.result("fresh.lookup2.ms")),
                Report.number(inProcess.result("fresh.lookup3.ms"))));
        if (!agent.isEmpty()) {
            out.append(String.format(Locale.ROOT, "  the same under the agent (first lookups of each JVM):  lookup 1 %s ms, lookup 2 %s ms, lookup 3 %s ms%n",
                    Report.number(medianOf(agent.get(AGENT_DOWN), FIRST)), Report.number(medianOf(agent.get(AGENT_DOWN), FIRST + 1)),
                    Report.number(medianOf(agent.get(AGENT_DOWN), FIRST + 2))));
            out.append(String.format(Locale.ROOT, "  no local tier under the agent (first lookups of each JVM):   lookup 1 %s ms, lookup 2 %s ms, lookup 3 %s ms%n",
                    Report.number(medianOf(agent.get(AGENT_NOLOCAL), FIRST)), Report.number(medianOf(agent.get(AGENT_NOLOCAL), FIRST + 1)),
                    Report.number(medianOf(agent.get(AGENT_NOLOCAL), FIRST + 2))));
        }
        double plainClient = inProcess.result("plain.dnsclient.ms");
        out.append(String.format(Locale.ROOT, "  a resolver that asks the hung server first on every lookup (DnsClient [hung, good], 250 ms): %s ms per lookup,"
                + " %sx a lookup that skips the client (%s ms)%n", Report.number(plainClient), Report.number(plainClient / skipped), Report.number(skipped)));
        out.append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String what, double down, double noLocal) {
        double added = down - noLocal;
        out.append(String.format(Locale.ROOT, "  %-44s %12s %12s %12s  %s%n", what, Report.number(down), Report.number(noLocal),
                Interleaved.signed(added), added < 1000 ? "met" : "NOT met"));
    }

    private static double medianOf(List<double[]> rows, int column) {
        List<Double> values = new ArrayList<>();
        for (double[] row : rows) {
            values.add(row[column]);
        }
        return Report.median(values);
    }

}
