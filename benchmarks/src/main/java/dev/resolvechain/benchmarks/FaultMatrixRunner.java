package dev.resolvechain.benchmarks;

import dev.resolvechain.benchmarks.FaultMatrix.Lookup;
import dev.resolvechain.benchmarks.FaultMatrix.Summary;
import dev.resolvechain.testkit.DnsServerProcess;
import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.LossyRelay;
import dev.resolvechain.testkit.Netns;
import dev.resolvechain.testkit.ServerProcess;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import dev.resolvechain.testkit.jvm.JvmResult;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Issue 11, "Measured": the host tier under faults (a "fault matrix"), the agent against the JDK's own resolver
 * (glibc's {@code getaddrinfo}) side by side, in a network namespace this runner creates and deletes, on each JDK.
 *
 * <p>Inside the namespace ({@link Netns}, 5 links): two dnsmasq back ends ({@code address=/fault.test/}: back end 1
 * answers every name under {@code fault.test} with 192.0.2.1 and 2001:db8::1, back end 2 with 192.0.2.2 and
 * 2001:db8::2; {@code cache-size=0}), and in front of each, on the addresses resolv.conf names, a {@link LossyRelay}:
 * nameserver 1 and nameserver 2. The address of an answer says which server gave it. The faults are the relay's
 * loss and delay, or for REFUSED and SERVFAIL a {@link DnsServerProcess} in place of relay 1. The namespace's
 * resolv.conf names the two servers with glibc's default options (timeout 5 s, attempts 2).
 *
 * <p>Each lookup is {@code InetAddress.getAllByName} of a new name ({@link FaultMatrixChild}, A and AAAA asked), in
 * child JVMs inside the namespace: without the agent (the JDK's built-in resolver, glibc reading the namespace's
 * /etc/resolv.conf and /etc/hosts; {@code sun.net.inetaddr.ttl=0}) and under the agent ({@code resolvConf=} and
 * {@code hostsFile=} the namespace's files; its defaults, {@code lookupTimeout=3s}, {@code dns.maxFails=2}). The two
 * resolvers' JVMs alternate within each scenario, as do the JDKs. Each server's query count is read before and after
 * every JVM. Needs root (namespace, port 53) and dnsmasq; without root it says so and exits 0.
 */
public final class FaultMatrixRunner {
    private static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks/target/benchmarks.jar dev.resolvechain.benchmarks.FaultMatrixRunner [options]   (as root)",
            "  --only LIST       scenarios to run, by number, e.g. 0,1,7 (default all: 0-8; 0, healthy, is the reference for 'added')",
            "  --jdk PATH        a JDK home or java executable for the children; repeat for several",
            "                    (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64 and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64)",
            "  --agent JAR       the agent (default: agent/target/resolvechain-agent.jar of this checkout)",
            "  --commit TEXT     the commit measured, for the header (the script passes git's short hash)",
            "  --raw FILE        also write every lookup (jdk, scenario, resolver, jvm, lookup, start ms, ms, outcome) as tab-separated values",
            "  --quick           a few lookups per scenario, one JVM each, glibc only where its lookups take seconds at most (~1.5 min): only checks that it runs",
            "  --rows FILE       also write the performance table's rows (benchmarks/perf-table.sh): scenarios 0 and 1, the agent against glibc");

    static final String SERVER1 = "192.0.2.1";
    static final String SERVER2 = "192.0.2.2";
    static final String DOMAIN = "fault.test";
    static final String AGENT = "agent";
    static final String GLIBC = "glibc";
    /** The agent's defaults, which the children keep: the targets are stated against them. */
    static final double LOOKUP_TIMEOUT_MS = 3000;
    static final int MAX_FAILS = 2;
    /** The issue's targets. */
    static final double TARGET_ADDED_MS = 5;
    static final double TARGET_RECOVERY_MS = 2000;
    static final int TARGET_LOSS_PERMILLE = 999;
    static final double TARGET_SLACK_MS = 50;
    /** Each JVM waits this long after start before its first lookup: the agent's warm-up thread has loaded the DNS classes by then. */
    static final String PAUSE_MS = "500";
    /** Between two lookups of a JVM in the scenarios where a lookup takes milliseconds. */
    static final int SPREAD_MS = 10;
    /** Between two lookups in scenario 7. */
    static final int COMEBACK_INTERVAL_MS = 20;
    /** Scenario 7: each silence lasts its plan's time plus up to this much (seeded, so a rerun has the same lengths). */
    private static final int SILENCE_JITTER_MS = 700;
    private static final long SEED = 20261204L;
    private static final String[] HEAP = {"-Xms256m", "-Xmx256m"};
    private static final Duration CHILD_LIMIT = Duration.ofMinutes(10);

    /** The matrix: each scenario's fault, set up on the servers before its JVMs run and taken away after. */
    enum Scenario {
        HEALTHY(0, "healthy", "both servers answer"),
        SILENT(1, "1st silent", "nameserver 1 drops every query (relay loss 1)"),
        REFUSED(2, "1st REFUSED", "nameserver 1 answers REFUSED to everything (DnsServerProcess --fault refused)"),
        SERVFAIL(3, "1st SERVFAIL", "nameserver 1 answers SERVFAIL to everything (DnsServerProcess --fault servfail)"),
        SLOW(4, "1st slow", "nameserver 1 answers after 800 ms (relay delay 400 ms each way)"),
        LOSS(5, "30% loss", "both servers lose 30 % of datagrams each way (relay loss 0.3): a try's answer arrives with p = 0.49"),
        DEAD(6, "all dead", "both servers drop every query (relay loss 1)"),
        COMEBACK(7, "1st comes back", "nameserver 1 silent, then answering again, in cycles; lookups every 20 ms"),
        VIP(8, "vipclient only", "resolv.conf: nameserver 127.0.0.1 only, a forwarding dnsmasq (vip itself, the rest upstream);"
                + " agent: local=127.0.0.1:53;local.domains=vip; names outside vip");

        final int number;
        final String label;
        final String description;

        Scenario(int number, String label, String description) {
            this.number = number;
            this.label = label;
            this.description = description;
        }

        String title() {
            return number + " " + label;
        }

        /** The addresses a correct answer holds one of. */
        Set<String> expected() {
            return this == VIP ? Set.of(SERVER2) : Set.of(SERVER1, SERVER2);
        }
    }

    /**
     * Per JDK and resolver: JVMs and lookups each (lookups 0: until {@code maxSeconds}), {@code intervalMs} between a
     * JVM's lookups; for {@link Scenario#COMEBACK}, {@code jvms} is the cycles of one JVM and {@code silentMs} and
     * {@code answerMs} their phases.
     */
    record Plan(int jvms, int lookups, int maxSeconds, int intervalMs, int silentMs, int answerMs) {
        static Plan of(int jvms, int lookups, int intervalMs) {
            return new Plan(jvms, lookups, 0, intervalMs, 0, 0);
        }

        static Plan timed(int jvms, int maxSeconds) {
            return new Plan(jvms, 0, maxSeconds, 0, 0, 0);
        }

        static Plan cycles(int cycles, int silentMs, int answerMs) {
            return new Plan(cycles, 0, 0, COMEBACK_INTERVAL_MS, silentMs, answerMs);
        }

        static final Plan NONE = of(0, 0, 0);
    }

    private final List<Jdk> jdks;
    private final Path agentJar;
    private final boolean quick;
    private final StringBuilder raw = new StringBuilder();
    /** Results by scenario, JDK (runtime version) and resolver. */
    private final Map<Scenario, Map<String, Map<String, Cell>>> cells = new EnumMap<>(Scenario.class);
    private Netns netns;
    private Servers servers;
    private int childNumber;

    /** What one scenario gave for one JDK and resolver, over its JVMs. */
    static final class Cell {
        final List<List<Lookup>> jvms = new ArrayList<>();
        /** Queries each server received (labels of the scenario's counters), summed over the JVMs. */
        final Map<String, Long> queries = new LinkedHashMap<>();
        int downLogs;
        int upLogs;
        /** Comeback only: per cycle, ms from healing to the first lookup answered by server 1 (NaN: none). */
        final List<Double> recoveries = new ArrayList<>();
        /** Comeback only: per cycle, the slowest lookup of the silent phase, ms. */
        final List<Double> silentMax = new ArrayList<>();

        List<Lookup> all() {
            return FaultMatrix.all(jvms);
        }
    }

    private FaultMatrixRunner(List<Jdk> jdks, Path agentJar, boolean quick) {
        this.jdks = jdks;
        this.agentJar = agentJar;
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        List<Jdk> jdks = new ArrayList<>();
        Path agent = null;
        Path rawFile = null;
        Path rowsFile = null;
        String commit = null;
        boolean quick = false;
        List<Scenario> scenarios = new ArrayList<>(List.of(Scenario.values()));
        CommandLine line = new CommandLine(args, USAGE);
        while (line.next()) {
            switch (line.option()) {
                case "--only" -> {
                    String only = line.value();
                    try {
                        Set<Integer> wanted = Arrays.stream(only.split(",")).map(String::strip).map(Integer::parseInt).collect(Collectors.toSet());
                        scenarios.removeIf(s -> !wanted.contains(s.number));
                    } catch (NumberFormatException e) {
                        throw line.fail("--only needs scenario numbers, e.g. 0,1,7, not '" + only + "'");
                    }
                }
                case "--jdk" -> jdks.add(line.jdk());
                case "--agent" -> agent = line.path();
                case "--commit" -> commit = line.value();
                case "--raw" -> rawFile = line.path();
                case "--rows" -> rowsFile = line.path();
                case "--quick" -> quick = true;
                default -> line.unknown();
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            System.out.println("FaultMatrixRunner: skipped: this measurement needs root (it creates a network namespace and binds port 53 in it).");
            return;
        }
        if (Files.exists(Path.of("/var/run/nscd/socket")) || Files.exists(Path.of("/run/nscd/socket"))) {
            System.err.println("nscd is running: glibc would ask it (outside the namespace) instead of the namespace's servers");
            System.exit(2);
        }
        if (!Dnsmasq.installed()) {
            System.err.println("dnsmasq is not installed (Debian package dnsmasq-base): this benchmark needs it");
            System.exit(2);
        }
        jdks = jdks.isEmpty() ? Machine.defaultJdks() : jdks;
        new FaultMatrixRunner(jdks, CommandLine.agentJar(agent), quick).run(scenarios, commit, rawFile, rowsFile);
    }

    private void run(List<Scenario> scenarios, String commit, Path rawFile, Path rowsFile) throws Exception {
        long started = System.nanoTime();
        try (Netns created = Netns.builder().links(5).create()) {
            netns = created;
            netns.resolvConf(twoServers());
            System.out.printf(Locale.ROOT, "resolvechain fault matrix: the host tier under faults, the agent vs the JDK's own resolver (glibc), %s%s%n",
                    ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), quick ? " (--quick: only checks that it runs)" : "");
            System.out.printf(Locale.ROOT, "  %s; agent %s (%d bytes)%s%n", Machine.describe(), agentJar, Files.size(agentJar),
                    commit == null ? "" : " at " + commit);
            System.out.printf(Locale.ROOT, "  %s: nameserver 1 %s:53, nameserver 2 %s:53, each a LossyRelay in front of a dnsmasq%n", netns,
                    netns.inside(0).getHostAddress(), netns.inside(1).getHostAddress());
            System.out.printf(Locale.ROOT, "    (address=/%s/: server 1 answers %s + 2001:db8::1, server 2 %s + 2001:db8::2; cache-size=0)%n",
                    DOMAIN, SERVER1, SERVER2);
            System.out.printf(Locale.ROOT, "  resolv.conf: the two servers, glibc's default options (timeout:5 attempts:2); agent: resolvConf= and hostsFile= the"
                    + " namespace's files, lookupTimeout %.0f ms and dns.maxFails %d (defaults)%n", LOOKUP_TIMEOUT_MS, MAX_FAILS);
            System.out.printf(Locale.ROOT, "  each lookup: InetAddress.getAllByName(a new name under %s), A and AAAA; JVMs start, wait %s ms, then look up%n",
                    DOMAIN, PAUSE_MS);
            System.out.printf(Locale.ROOT, "  JDKs: %s%n%n", jdks.stream().map(Jdk::runtimeVersion).collect(Collectors.joining(", ")));
            servers = new Servers(netns);
            try {
                for (Scenario scenario : scenarios) {
                    runScenario(scenario);
                }
            } finally {
                servers.close();
            }
        }
        System.out.printf(Locale.ROOT, "Summary (%s; %.1f min in all; %s)%n", quick ? "--quick" : "full",
                (System.nanoTime() - started) / 60e9, Machine.describe());
        for (Jdk jdk : jdks) {
            System.out.print(table(jdk.runtimeVersion(), scenarios));
        }
        System.out.print(targets(scenarios));
        if (rawFile != null) {
            Files.writeString(rawFile, "jdk\tscenario\tresolver\tjvm\tlookup\tstart_ms\tms\toutcome\n" + raw);
        }
        rows().write(rowsFile);
    }

    /** The table's rows: the p50 of a lookup, the agent against glibc, where both ran: healthy, and the first server silent. */
    private PerfRows rows() {
        PerfRows rows = new PerfRows();
        for (Jdk jdk : jdks) {
            String version = jdk.runtimeVersion();
            row(rows, version, "healthy-p50", Scenario.HEALTHY, "two healthy nameservers behind a veth pair, a JVM's first lookups (a new name each), p50");
            row(rows, version, "first-silent-p50", Scenario.SILENT, "the first of two nameservers silent, a JVM's first lookups (a new name each), p50");
        }
        return rows;
    }

    private void row(PerfRows rows, String version, String key, Scenario scenario, String what) {
        Cell agent = cell(scenario, version, AGENT);
        Cell glibc = cell(scenario, version, GLIBC);
        if (agent != null && glibc != null) {
            rows.ratio(key, version, what, Summary.of(agent.all(), scenario.expected()).p50(), "glibc (the JDK's own resolver)",
                    Summary.of(glibc.all(), scenario.expected()).p50(), "ms");
        }
    }

    private String twoServers() {
        return "nameserver " + netns.inside(0).getHostAddress() + "\nnameserver " + netns.inside(1).getHostAddress() + "\n";
    }

    /**
     * Per JDK and resolver, full and --quick. Where a lookup takes milliseconds, lookups are {@value #SPREAD_MS} ms
     * apart, so that a JVM's lookups span a few of the agent's probe rounds (every 500 ms while a server is down).
     */
    private Plan plan(Scenario scenario, String resolver) {
        boolean agent = resolver.equals(AGENT);
        return switch (scenario) {
            case HEALTHY, REFUSED, SERVFAIL, VIP -> quick ? Plan.of(1, 50, SPREAD_MS) : Plan.of(2, 200, SPREAD_MS);
            case SILENT -> agent ? (quick ? Plan.of(1, 50, SPREAD_MS) : Plan.of(3, 200, SPREAD_MS)) : Plan.of(1, quick ? 1 : 3, 0);
            case SLOW -> agent ? (quick ? Plan.of(1, 50, SPREAD_MS) : Plan.of(2, 200, SPREAD_MS)) : Plan.of(1, quick ? 2 : 10, 0);
            case LOSS -> agent ? (quick ? Plan.of(1, 100, 0) : Plan.of(2, 500, 0)) : quick ? Plan.NONE : Plan.timed(2, 15);
            case DEAD -> agent ? Plan.of(1, quick ? 2 : 5, 0) : quick ? Plan.NONE : Plan.of(1, 1, 0);
            case COMEBACK -> agent ? Plan.cycles(quick ? 1 : 5, 2000, 3000) : quick ? Plan.NONE : Plan.cycles(1, 6000, 6500);
        };
    }

    private void runScenario(Scenario scenario) throws Exception {
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "Scenario %s: %s (%s)%n", scenario.title(), scenario.description, Machine.describe());
        setUp(scenario);
        try {
            int rounds = Math.max(plan(scenario, AGENT).jvms(), plan(scenario, GLIBC).jvms());
            if (scenario == Scenario.COMEBACK) {
                rounds = 1;
            }
            for (int round = 0; round < rounds; round++) {
                for (Jdk jdk : jdks) {
                    List<String> order = round % 2 == 0 ? List.of(AGENT, GLIBC) : List.of(GLIBC, AGENT);
                    for (String resolver : order) {
                        Plan plan = plan(scenario, resolver);
                        if (scenario == Scenario.COMEBACK && plan.jvms() > 0) {
                            comeback(jdk, resolver, plan);
                        } else if (round < plan.jvms()) {
                            child(scenario, jdk, resolver, round + 1, plan);
                        }
                    }
                }
            }
        } finally {
            tearDown(scenario);
        }
        for (Jdk jdk : jdks) {
            System.out.print(rows(scenario, jdk.runtimeVersion(), "  ", "JDK " + jdk.feature()));
        }
        System.out.printf(Locale.ROOT, "  (%.0f s)%n%n", (System.nanoTime() - started) / 1e9);
    }

    private void setUp(Scenario scenario) throws Exception {
        switch (scenario) {
            case HEALTHY, COMEBACK -> { }
            case SILENT -> servers.front1.command("loss 1");
            case REFUSED -> servers.replaceFront1("refused");
            case SERVFAIL -> servers.replaceFront1("servfail");
            case SLOW -> servers.front1.command("delay 400ms");
            case LOSS -> {
                servers.front1.command("loss 0.3");
                servers.front2.command("loss 0.3");
            }
            case DEAD -> {
                servers.front1.command("loss 1");
                servers.front2.command("loss 1");
            }
            case VIP -> {
                servers.startVip();
                netns.resolvConf("nameserver 127.0.0.1\n");
            }
        }
    }

    private void tearDown(Scenario scenario) throws Exception {
        switch (scenario) {
            case REFUSED, SERVFAIL -> servers.restoreFront1();
            case VIP -> {
                netns.resolvConf(twoServers());
                servers.stopVip();
            }
            default -> {
                servers.front1.command("loss 0");
                servers.front1.command("delay 0ms");
                servers.front2.command("loss 0");
            }
        }
    }

    private JvmLaunch launch(Jdk jdk, String resolver, Scenario scenario, List<String> stderr) {
        JvmLaunch launch = JvmLaunch.on(jdk).via(netns.via()).option(HEAP)
                .property("sun.net.inetaddr.ttl", "0").property("sun.net.inetaddr.negative.ttl", "0")
                .timeout(CHILD_LIMIT).onStderr(stderr::add);
        if (resolver.equals(AGENT)) {
            Path etc = Path.of("/etc/netns", netns.name());
            String arguments = "resolvConf=" + etc.resolve("resolv.conf") + ";hostsFile=" + etc.resolve("hosts") + ";log.level=info"
                    + (scenario == Scenario.VIP ? ";local=127.0.0.1:53;local.domains=vip" : "");
            return launch.agent(agentJar, arguments);
        }
        return launch.withoutJdkHostsFile();
    }

    private String namePattern() {
        return "n%d.j" + ++childNumber + "." + DOMAIN;
    }

    /** One JVM of a scenario: its lookups, then what the servers received meanwhile. */
    private void child(Scenario scenario, Jdk jdk, String resolver, int jvm, Plan plan) {
        List<String> stderr = new CopyOnWriteArrayList<>();
        List<String> args = new ArrayList<>(List.of("--name", namePattern(), "--resolver", resolver.equals(AGENT) ? AGENT : "jdk",
                "--pause", PAUSE_MS));
        if (plan.lookups() > 0) {
            args.addAll(List.of("--lookups", "" + plan.lookups()));
        }
        if (plan.maxSeconds() > 0) {
            args.addAll(List.of("--max-seconds", "" + plan.maxSeconds()));
        }
        if (plan.intervalMs() > 0) {
            args.addAll(List.of("--interval", "" + plan.intervalMs()));
        }
        Map<String, Long> before = servers.counts(scenario);
        JvmResult result = launch(jdk, resolver, scenario, stderr).main(FaultMatrixChild.class, args.toArray(String[]::new)).run();
        Map<String, Long> after = servers.counts(scenario);
        record(scenario, jdk, resolver, jvm, result, stderr, before, after);
    }

    /**
     * Scenario 7: one JVM looks up every 20 ms while nameserver 1 is silent for {@code silentMs}, then answers for
     * {@code answerMs}, {@code jvms} cycles; per cycle, the time from healing to the first lookup answered by it.
     */
    private void comeback(Jdk jdk, String resolver, Plan plan) throws Exception {
        List<String> stderr = new CopyOnWriteArrayList<>();
        Map<String, Long> before = servers.counts(Scenario.COMEBACK);
        servers.front1.command("loss 1");
        RunningJvm child = launch(jdk, resolver, Scenario.COMEBACK, stderr).main(FaultMatrixChild.class, "--name", namePattern(),
                "--resolver", resolver.equals(AGENT) ? AGENT : "jdk", "--pause", PAUSE_MS, "--interval", "" + plan.intervalMs(), "--until-stopped",
                "--max-seconds", "600").start();
        long[] silenced = new long[plan.jvms()];
        long[] healed = new long[plan.jvms()];
        Random jitter = new Random(SEED + childNumber);
        JvmResult result;
        try {
            child.awaitLine("RESOLVER ");
            silenced[0] = FaultMatrix.epochMicros();
            for (int cycle = 0; cycle < plan.jvms(); cycle++) {
                if (cycle > 0) {
                    silenced[cycle] = FaultMatrix.epochMicros();
                    servers.front1.command("loss 1");
                }
                // a silence of its own length each cycle, so that healing falls at a new point of the probe's period
                Thread.sleep(plan.silentMs() + jitter.nextInt(SILENCE_JITTER_MS));
                healed[cycle] = FaultMatrix.epochMicros();
                servers.front1.command("loss 0");
                Thread.sleep(plan.answerMs());
            }
            child.send("stop");
            result = child.finish();
        } finally {
            child.close();
            servers.front1.command("loss 0");
        }
        Map<String, Long> after = servers.counts(Scenario.COMEBACK);
        Cell cell = record(Scenario.COMEBACK, jdk, resolver, 1, result, stderr, before, after);
        List<Lookup> lookups = cell.jvms.get(cell.jvms.size() - 1);
        long end = Long.MAX_VALUE;
        for (int cycle = 0; cycle < plan.jvms(); cycle++) {
            long until = cycle + 1 < plan.jvms() ? silenced[cycle + 1] : end;
            double recovery = FaultMatrix.recoveryMillis(lookups, healed[cycle], until, SERVER1);
            List<Lookup> silent = FaultMatrix.startedWithin(lookups, silenced[cycle], healed[cycle]);
            double slowest = FaultMatrix.percentileMillis(silent, 100);
            cell.recoveries.add(recovery);
            cell.silentMax.add(slowest);
            System.out.printf(Locale.ROOT, "      cycle %d: silent %d ms: %d lookups, %d slower than 20 ms, the slowest %s ms; answering again:"
                            + " lookups used it after %s ms%n", cycle + 1, (healed[cycle] - silenced[cycle]) / 1000, silent.size(),
                    silent.stream().filter(l -> l.millis() > 20).count(), Report.number(slowest),
                    Double.isNaN(recovery) ? "(not within " + plan.answerMs() + " ms)" : Report.number(recovery));
        }
        for (String line : stderr) {
            if (line.contains("nameserver")) {
                System.out.println("      (agent log) " + line);
            }
        }
    }

    private Cell record(Scenario scenario, Jdk jdk, String resolver, int jvm, JvmResult result, List<String> stderr,
                        Map<String, Long> before, Map<String, Long> after) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException(scenario.title() + ", " + resolver + " on " + jdk + " failed:\n" + result.describe());
        }
        List<Lookup> lookups = new ArrayList<>();
        for (String line : result.stdoutLines()) {
            if (line.startsWith("L ")) {
                lookups.add(Lookup.parse(line));
            }
        }
        Cell cell = cells.computeIfAbsent(scenario, s -> new LinkedHashMap<>())
                .computeIfAbsent(jdk.runtimeVersion(), v -> new LinkedHashMap<>())
                .computeIfAbsent(resolver, r -> new Cell());
        cell.jvms.add(lookups);
        Map<String, Long> received = new LinkedHashMap<>();
        before.forEach((server, count) -> received.put(server, after.get(server) - count));
        received.forEach((server, count) -> cell.queries.merge(server, count, Long::sum));
        int down = (int) stderr.stream().filter(line -> line.contains(" is down (")).count();
        int up = (int) stderr.stream().filter(line -> line.contains(" answers again")).count();
        cell.downLogs += down;
        cell.upLogs += up;

        Set<String> expected = scenario.expected();
        Summary summary = Summary.of(lookups, expected);
        System.out.printf(Locale.ROOT, "    JDK %-2d %-5s JVM %d: %d lookups, %s; p50 %s, p99 %s, max %s ms; lookups 1, 2: %s, %s ms;"
                        + " answered by 1 / 2: %d / %d; queries received %s%s%n",
                jdk.feature(), resolver, jvm, summary.count(), summary.success(), Report.number(summary.p50()), Report.number(summary.p99()),
                Report.number(summary.max()), millisOf(lookups, 1), millisOf(lookups, 2), FaultMatrix.answeredWith(lookups, SERVER1),
                FaultMatrix.answeredWith(lookups, SERVER2), received.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")),
                resolver.equals(AGENT) ? "; agent log: " + down + " down, " + up + " back" : "");
        int shown = 0;
        for (Lookup lookup : lookups) {
            String problem = lookup.problem(expected);
            if (problem != null && shown++ < 5) {
                System.out.printf(Locale.ROOT, "      lookup %d failed after %s ms: %s%n", lookup.index(), Report.number(lookup.millis()), problem);
            }
        }
        if (shown > 5) {
            System.out.printf(Locale.ROOT, "      ... %d failures in all%n", shown);
        }
        if (resolver.equals(AGENT) && summary.max() > 100) {
            List<String> slow = FaultMatrix.slowest(lookups, 3).stream()
                    .map(l -> "#" + l.index() + " " + Report.number(l.millis()) + " ms (" + (l.failure() != null ? "failed"
                            : l.answeredWith(SERVER1) ? "by 1" : l.answeredWith(SERVER2) ? "by 2" : "?") + ")")
                    .toList();
            System.out.println("      slowest: " + String.join(", ", slow));
        }
        for (String line : stderr) {
            boolean known = line.contains("nameserver") || line.contains("resolvechain INFO: installed");
            if (!known) {
                System.out.println("      (stderr) " + line);
            }
        }
        long first = lookups.isEmpty() ? 0 : lookups.get(0).startMicros();
        for (Lookup lookup : lookups) {
            String problem = lookup.problem(expected);
            raw.append(String.format(Locale.ROOT, "%d\t%d\t%s\t%d\t%d\t%.3f\t%.3f\t%s%n", jdk.feature(), scenario.number, resolver, cell.jvms.size(),
                    lookup.index(), (lookup.startMicros() - first) / 1000.0, lookup.millis(),
                    problem != null ? "fail " + problem : "ok " + String.join(",", lookup.addresses())));
        }
        return cell;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f", 100 * share);
    }

    private static String millisOf(List<Lookup> lookups, int index) {
        return lookups.stream().filter(l -> l.index() == index).findFirst().map(l -> Report.number(l.millis())).orElse("-");
    }

    private Cell cell(Scenario scenario, String version, String resolver) {
        return cells.getOrDefault(scenario, Map.of()).getOrDefault(version, Map.of()).get(resolver);
    }

    private static final String ROW = "%s%-18s %-6s %7s %9s %9s %9s %9s %15s %13s %17s%n";

    private String table(String version, List<Scenario> scenarios) {
        StringBuilder out = new StringBuilder();
        out.append("JDK ").append(version).append('\n');
        out.append(String.format(Locale.ROOT, ROW, "  ", "scenario", "", "lookups", "success", "p50 ms", "p99 ms", "max ms",
                "lookups 1, 2 ms", "answered 1/2", "queries to 1 / 2"));
        for (Scenario scenario : scenarios) {
            out.append(rows(scenario, version, "  ", scenario.title()));
        }
        return out.toString();
    }

    /** The scenario's rows of one JDK: agent and glibc, each pooled over its JVMs. */
    private String rows(Scenario scenario, String version, String indent, String title) {
        StringBuilder out = new StringBuilder();
        for (String resolver : List.of(AGENT, GLIBC)) {
            Cell cell = cell(scenario, version, resolver);
            String label = resolver.equals(AGENT) ? title : "";
            if (cell == null) {
                out.append(String.format(Locale.ROOT, "%s%-18s %-6s %s%n", indent, label, resolver, "not run" + (quick ? " in --quick" : "")));
                continue;
            }
            List<Lookup> all = cell.all();
            Summary summary = Summary.of(all, scenario.expected());
            List<Lookup> first = FaultMatrix.first(cell.jvms, 1);
            List<Lookup> second = FaultMatrix.first(cell.jvms, 2);
            second.removeAll(first);
            String firstTwo = Report.number(FaultMatrix.percentileMillis(first, 100)) + ", " + Report.number(FaultMatrix.percentileMillis(second, 100));
            String queries = cell.queries.values().stream().map(String::valueOf).collect(Collectors.joining(" / "));
            String answered = scenario == Scenario.VIP ? "-" : FaultMatrix.answeredWith(all, SERVER1) + "/" + FaultMatrix.answeredWith(all, SERVER2);
            out.append(String.format(Locale.ROOT, ROW, indent, label, resolver, summary.count(), summary.success(), Report.number(summary.p50()),
                    Report.number(summary.p99()), Report.number(summary.max()), firstTwo, answered, queries));
            if (scenario == Scenario.COMEBACK) {
                out.append(String.format(Locale.ROOT, "%s%-18s %-6s used again after (ms, per cycle): %s; slowest lookup while silent: %s%n", indent, "", "",
                        cell.recoveries.stream().map(Report::number).collect(Collectors.joining(", ")),
                        cell.silentMax.stream().map(Report::number).collect(Collectors.joining(", "))));
            }
            if (scenario == Scenario.LOSS) {
                out.append(String.format(Locale.ROOT, "%s%-18s %-6s slower than 100 / 250 / 500 / 1000 ms: %s / %s / %s / %s %% of lookups%n", indent, "", "",
                        percent(FaultMatrix.shareOver(all, 100)), percent(FaultMatrix.shareOver(all, 250)),
                        percent(FaultMatrix.shareOver(all, 500)), percent(FaultMatrix.shareOver(all, 1000))));
            }
            if (resolver.equals(AGENT) && (cell.downLogs > 0 || cell.upLogs > 0)) {
                out.append(String.format(Locale.ROOT, "%s%-18s %-6s agent log: a server marked down %d times, back %d times%n", indent, "", "",
                        cell.downLogs, cell.upLogs));
            }
            Cell healthy = cell(Scenario.HEALTHY, version, resolver);
            if (scenario != Scenario.HEALTHY && healthy != null && List.of(Scenario.SILENT, Scenario.REFUSED, Scenario.SERVFAIL, Scenario.SLOW,
                    Scenario.VIP).contains(scenario)) {
                List<Lookup> after = FaultMatrix.after(cell.jvms, MAX_FAILS);
                List<Lookup> reference = FaultMatrix.after(healthy.jvms, MAX_FAILS);
                out.append(String.format(Locale.ROOT, "%s%-18s %-6s after lookup %d, added vs healthy: p50 %s, p99 %s, max %s ms%n", indent, "", "",
                        MAX_FAILS, FaultMatrix.signedMillis(FaultMatrix.addedMillis(after, reference, 50)),
                        FaultMatrix.signedMillis(FaultMatrix.addedMillis(after, reference, 99)),
                        FaultMatrix.signedMillis(FaultMatrix.addedMillis(after, reference, 100))));
            }
        }
        return out.toString();
    }

    /** The issue's targets, judged for the agent on each JDK; glibc's figure beside each for reference. */
    private String targets(List<Scenario> scenarios) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nTargets (the agent; lookupTimeout %.0f ms, dns.maxFails %d; glibc's figure in brackets for reference)%n", LOOKUP_TIMEOUT_MS, MAX_FAILS));
        for (Jdk jdk : jdks) {
            String version = jdk.runtimeVersion();
            out.append("  JDK ").append(version).append('\n');
            Cell silent = cell(Scenario.SILENT, version, AGENT);
            if (silent != null) {
                Summary summary = Summary.of(silent.all(), Scenario.SILENT.expected());
                double firstMax = FaultMatrix.percentileMillis(FaultMatrix.first(silent.jvms, MAX_FAILS), 100);
                out.append(String.format(Locale.ROOT, "    one of two servers silent: 100 %% success: %s (%d of %d); lookups 1-%d within lookupTimeout: %s (slowest %s ms)%n",
                        FaultMatrix.verdict(summary.ok() == summary.count()), summary.ok(), summary.count(), MAX_FAILS,
                        FaultMatrix.verdict(firstMax <= LOOKUP_TIMEOUT_MS), Report.number(firstMax)));
                Cell healthy = cell(Scenario.HEALTHY, version, AGENT);
                Cell glibc = cell(Scenario.SILENT, version, GLIBC);
                Cell glibcHealthy = cell(Scenario.HEALTHY, version, GLIBC);
                if (healthy != null) {
                    List<Lookup> after = FaultMatrix.after(silent.jvms, MAX_FAILS);
                    List<Lookup> reference = FaultMatrix.after(healthy.jvms, MAX_FAILS);
                    double p99 = FaultMatrix.addedMillis(after, reference, 99);
                    String glibcAdded = glibc == null || glibcHealthy == null ? "-"
                            : FaultMatrix.signedMillis(FaultMatrix.addedMillis(glibc.all(), glibcHealthy.all(), 50)) + " ms at p50, every lookup";
                    out.append(String.format(Locale.ROOT, "      after lookup %d at most %.0f ms added (p99 vs healthy's p99): %s (%s ms; p50 %s, max %s)  [glibc: %s]%n",
                            MAX_FAILS, TARGET_ADDED_MS, FaultMatrix.verdict(p99 <= TARGET_ADDED_MS), FaultMatrix.signedMillis(p99),
                            FaultMatrix.signedMillis(FaultMatrix.addedMillis(after, reference, 50)),
                            FaultMatrix.signedMillis(FaultMatrix.addedMillis(after, reference, 100)), glibcAdded));
                }
            }
            Cell comeback = cell(Scenario.COMEBACK, version, AGENT);
            if (comeback != null) {
                double worst = comeback.recoveries.stream().mapToDouble(d -> Double.isNaN(d) ? Double.POSITIVE_INFINITY : d).max().orElse(Double.NaN);
                Cell glibc = cell(Scenario.COMEBACK, version, GLIBC);
                out.append(String.format(Locale.ROOT, "    a server that comes back used again within %.0f ms: %s (cycles: %s ms)  [glibc: %s]%n",
                        TARGET_RECOVERY_MS, FaultMatrix.verdict(worst <= TARGET_RECOVERY_MS),
                        comeback.recoveries.stream().map(Report::number).collect(Collectors.joining(", ")),
                        glibc == null ? "not run" : glibc.recoveries.stream().map(Report::number).collect(Collectors.joining(", ")) + " ms"));
            }
            Cell loss = cell(Scenario.LOSS, version, AGENT);
            if (loss != null) {
                Summary summary = Summary.of(loss.all(), Scenario.LOSS.expected());
                Cell glibc = cell(Scenario.LOSS, version, GLIBC);
                Summary glibcSummary = glibc == null ? null : Summary.of(glibc.all(), Scenario.LOSS.expected());
                out.append(String.format(Locale.ROOT, "    30 %% loss: at least 99.9 %% success: %s (%d of %d, %s); none past lookupTimeout: %s (max %s ms)  [glibc: %s]%n",
                        FaultMatrix.verdict(FaultMatrix.atLeast(summary.ok(), summary.count(), TARGET_LOSS_PERMILLE)), summary.ok(), summary.count(),
                        summary.success(), FaultMatrix.verdict(summary.max() <= LOOKUP_TIMEOUT_MS), Report.number(summary.max()),
                        glibcSummary == null ? "not run" : glibcSummary.ok() + " of " + glibcSummary.count() + ", p50 " + Report.number(glibcSummary.p50())
                                + " ms, max " + Report.number(glibcSummary.max()) + " ms"));
            }
            double worst = 0;
            String where = "-";
            for (Scenario scenario : scenarios) {
                Cell cell = cell(scenario, version, AGENT);
                if (cell != null) {
                    double max = FaultMatrix.percentileMillis(cell.all(), 100);
                    if (max > worst) {
                        worst = max;
                        where = scenario.title();
                    }
                }
            }
            out.append(String.format(Locale.ROOT, "    no lookup in any scenario past lookupTimeout + %.0f ms: %s (slowest %s ms, in %s)%n",
                    TARGET_SLACK_MS, FaultMatrix.verdict(worst <= LOOKUP_TIMEOUT_MS + TARGET_SLACK_MS), Report.number(worst), where));
        }
        return out.toString();
    }

    /**
     * The servers in the namespace: the two dnsmasq back ends and the fronts resolv.conf names (relays, or a
     * {@link DnsServerProcess} in place of front 1), and for scenario 8 the forwarding dnsmasq on 127.0.0.1:53 with
     * its upstream relay on 127.0.0.1:5353.
     */
    static final class Servers implements AutoCloseable {
        private static final int WARM_QUERIES = 200;
        private final Netns netns;
        private final Jdk jdk = Jdk.current();
        private final Dnsmasq backend1;
        private final Dnsmasq backend2;
        ServerProcess front1;
        ServerProcess front2;
        private Dnsmasq vip;
        private ServerProcess vipUpstream;

        Servers(Netns netns) throws InterruptedException {
            this.netns = netns;
            backend1 = backend(2, SERVER1, "2001:db8::1");
            backend2 = backend(3, SERVER2, "2001:db8::2");
            front1 = relay(0, backend1);
            front2 = relay(1, backend2);
            warm(netns.inside(0));
            warm(netns.inside(1));
        }

        /**
         * Sends {@value #WARM_QUERIES} queries to the server on {@code address}:53, one after the other, from this JVM
         * (outside the namespace, over the veth): a server process that just started answers its first queries slowly
         * (class loading, its JIT), which the first child would otherwise pay for.
         */
        private static void warm(InetAddress address) {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(address, 53));
            resolver.setTimeout(Duration.ofMillis(200));
            for (int i = 0; i < WARM_QUERIES; i++) {
                try {
                    resolver.send(Message.newQuery(Record.newRecord(Name.fromConstantString("w" + i + ".warm." + DOMAIN + "."), Type.A, DClass.IN)));
                } catch (IOException e) {
                    // an answer is not needed: the server has done its work
                }
            }
        }

        private Dnsmasq backend(int link, String v4, String v6) {
            return Dnsmasq.builder().inside(netns, netns.inside(link)).address("/" + DOMAIN + "/" + v4).address("/" + DOMAIN + "/" + v6)
                    .option("cache-size=0").start();
        }

        private ServerProcess relay(int link, Dnsmasq upstream) throws InterruptedException {
            return ServerProcess.start(LossyRelay.launch(jdk, "--listen", netns.inside(link).getHostAddress() + ":53",
                    "--upstream", upstream.endpoint()).via(netns.via()));
        }

        /** Nameserver 1 becomes a DnsServerProcess with {@code fault} for every query. */
        void replaceFront1(String fault) throws InterruptedException {
            front1.stop();
            front1 = ServerProcess.start(DnsServerProcess.launch(jdk, "--listen", netns.inside(0).getHostAddress() + ":53", "--fault", fault)
                    .via(netns.via()));
            warm(netns.inside(0));
        }

        void restoreFront1() throws InterruptedException {
            front1.stop();
            front1 = relay(0, backend1);
            warm(netns.inside(0));
        }

        void startVip() throws InterruptedException {
            vipUpstream = ServerProcess.start(LossyRelay.launch(jdk, "--listen", "127.0.0.1:5353", "--upstream", backend2.endpoint()).via(netns.via()));
            // listens on the veth address (where the testkit sees that it answers) and, through the extra line, on 127.0.0.1
            vip = Dnsmasq.builder().inside(netns, netns.inside(4)).option("listen-address=127.0.0.1").address("/vip/192.0.2.53")
                    .address("/vip/2001:db8::53").server("127.0.0.1#5353").option("cache-size=0").option("log-queries").start();
            warm(netns.inside(4));
        }

        void stopVip() {
            if (vip != null) {
                vip.close();
                vip = null;
            }
            if (vipUpstream != null) {
                vipUpstream.stop();
                vipUpstream = null;
            }
        }

        /** Each server's queries received so far, by the label the tables use. */
        Map<String, Long> counts(Scenario scenario) {
            Map<String, Long> counts = new LinkedHashMap<>();
            try {
                if (scenario == Scenario.VIP) {
                    counts.put("127.0.0.1", vip.log().lines().filter(line -> line.contains("query[") && line.contains("." + DOMAIN + " ")).count());
                    counts.put("upstream", received(vipUpstream));
                } else {
                    counts.put("1", received(front1));
                    counts.put("2", received(front2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return counts;
        }

        /** {@code COUNT N ...}: a relay's queries from clients, a DnsServerProcess's queries. */
        private static long received(ServerProcess server) throws InterruptedException {
            return Long.parseLong(server.command("count").split(" ")[1]);
        }

        @Override
        public void close() {
            List<Runnable> steps = List.of(this::stopVip, () -> front1.close(), () -> front2.close(), backend1::close, backend2::close);
            for (Runnable step : steps) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    System.err.println("cleaning up: " + e);
                }
            }
        }
    }
}
