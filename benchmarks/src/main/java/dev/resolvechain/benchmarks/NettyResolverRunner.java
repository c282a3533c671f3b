package dev.resolvechain.benchmarks;

import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 13, measured: Netty's {@code DnsNameResolver} (4.2) woven by the agent against Netty on its own, side by side,
 * every mode in JVMs of its own ({@link NettyResolverChild}), the modes interleaved round by round as {@link AliasHitRunner}'s
 * forks are. Per JDK:
 * <ul>
 *   <li>{@code agent-alias}: under the agent, {@code resolve("orders-db")}, answered inline from the alias tier;</li>
 *   <li>{@code netty-cache}: without it, {@code resolve("orders-db.cached.test")} (TTL 3600 at dnsmasq): after the first,
 *       hits of Netty's own cache;</li>
 *   <li>{@code agent-dnshit}: under the agent, the same name: hits of the chain's dns-tier cache, on its lookup threads;</li>
 *   <li>{@code agent-miss} / {@code netty-miss}: a new name per lookup ({@code n<i>.bench.test}), under the agent through
 *       the chain's dns tier, without it through Netty's own DNS client; dnsmasq answers both.</li>
 * </ul>
 *
 * <p>dnsmasq listens on {@code --dnsmasq ADDRESS} (127.0.77.1), port 53: a resolv.conf cannot name a port, and the agent
 * takes over a Netty resolver's DNS only when its nameservers are those of the chain's resolv.conf. Every child runs in
 * a mount namespace of its own ({@code unshare --mount}) in which /etc/resolv.conf and /etc/hosts are files of this run
 * (Netty reads both as its classes initialise, whatever the resolver is given); nothing is sent but to dnsmasq.
 */
public final class NettyResolverRunner {
    private static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks/target/benchmarks.jar dev.resolvechain.benchmarks.NettyResolverRunner [options]   (as root)",
            "  --rounds N        rounds; each runs one JVM of every JDK and mode (default 5)",
            "  --hit-ops N       measured lookups per JVM of a cache or alias hit mode, in 10 batches (default 50000; warm-up 2x that)",
            "  --miss-ops N      measured lookups per JVM of a miss mode, in 10 batches (default 3000; warm-up the same)",
            "  --modes LIST      comma-separated, of agent-alias,netty-cache,agent-dnshit,agent-miss,netty-miss (default all)",
            "  --jdk PATH        a JDK home or java executable; repeat for several",
            "                    (default: $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64 and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64)",
            "  --agent JAR       the agent (default: agent/target/resolvechain-agent.jar of this checkout)",
            "  --netty DIR       Netty 4.2's resolver jars (default: netty42 next to benchmarks.jar, copied by mvn package)",
            "  --dnsmasq ADDR    the loopback address dnsmasq listens on, port 53 (default 127.0.77.1)",
            "  --quick           --rounds 1 --hit-ops 10000 --miss-ops 1000",
            "  --rows FILE       also write the performance table's rows (benchmarks/perf-table.sh)");
    static final String AGENT_ALIAS = "agent-alias";
    static final String NETTY_CACHE = "netty-cache";
    static final String AGENT_DNS_HIT = "agent-dnshit";
    static final String AGENT_MISS = "agent-miss";
    static final String NETTY_MISS = "netty-miss";
    private static final List<String> MODES = List.of(AGENT_ALIAS, NETTY_CACHE, AGENT_DNS_HIT, AGENT_MISS, NETTY_MISS);
    private static final String CACHED_NAME = "orders-db.cached.test";
    private static final String MISS_DOMAIN = "bench.test";
    private static final String MISS_ADDRESS = "127.0.0.9";
    private static final int BATCHES = 10;
    /** The children's heap, fixed so that no resizing shows in the times. */
    private static final String[] HEAP = {"-Xms256m", "-Xmx256m"};
    /** Run as {@code sh -c THIS RESOLV_CONF HOSTS java ...} inside {@code unshare --mount}: the run's files over /etc's. */
    private static final String PRIVATE_ETC = "mount --bind \"$0\" /etc/resolv.conf && mount --bind \"$1\" /etc/hosts && shift && exec \"$@\"";

    private NettyResolverRunner() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        int hitOps = 50_000;
        int missOps = 3000;
        List<String> modes = MODES;
        List<Jdk> jdks = new ArrayList<>();
        Path agent = null;
        Path netty = JvmLaunch.codeSource(NettyResolverRunner.class).resolveSibling("netty42");
        String address = "127.0.77.1";
        Path rowsFile = null;
        CommandLine line = new CommandLine(args, USAGE);
        while (line.next()) {
            switch (line.option()) {
                case "--rounds" -> rounds = line.intValue();
                case "--hit-ops" -> hitOps = line.intValue();
                case "--miss-ops" -> missOps = line.intValue();
                case "--modes" -> {
                    modes = List.of(line.value().split(","));
                    if (!MODES.containsAll(modes)) {
                        throw line.fail("--modes: of " + String.join(",", MODES));
                    }
                }
                case "--jdk" -> jdks.add(line.jdk());
                case "--agent" -> agent = line.path();
                case "--netty" -> netty = line.path();
                case "--dnsmasq" -> address = line.value();
                case "--rows" -> rowsFile = line.path();
                case "--quick" -> {
                    rounds = 1;
                    hitOps = 10_000;
                    missOps = 1000;
                }
                default -> line.unknown();
            }
        }
        agent = CommandLine.agentJar(agent);
        jdks = jdks.isEmpty() ? Machine.defaultJdks() : jdks;
        if (!Dnsmasq.installed() || !"root".equals(System.getProperty("user.name"))) {
            System.err.println("this benchmark needs dnsmasq (Debian package dnsmasq-base) and root (port 53, unshare --mount)");
            System.exit(2);
        }
        List<Path> nettyJars = jars(netty);
        if (nettyJars.isEmpty()) {
            System.err.println("no Netty jars in " + netty + ": build the module first (mvn -q -o package -DskipTests) or pass --netty");
            System.exit(2);
        }

        String startLoad = Machine.loadAverage();
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "resolvechain Netty DnsNameResolver: with the agent vs Netty on its own, %s%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        Fixture fixture = Fixture.create(0);
        try (Dnsmasq dnsmasq = Dnsmasq.builder().onLoopbackPort53(InetAddress.getByName(address))
                .address("/" + MISS_DOMAIN + "/" + MISS_ADDRESS)
                .hostRecord(CACHED_NAME, Fixture.ADDRESS, "3600")
                .option("cache-size=0")
                .start()) {
            Path resolvConf = Files.writeString(fixture.directory.resolve("netty-resolv.conf"),
                    "# the run's dnsmasq only; /etc/resolv.conf in the children's mount namespace\nnameserver " + address
                            + "\noptions timeout:2 attempts:1\n", StandardCharsets.UTF_8);
            Path hosts = Files.writeString(fixture.directory.resolve("netty-hosts"), "127.0.0.1 localhost\n", StandardCharsets.UTF_8);
            Path emptyHosts = Files.writeString(fixture.directory.resolve("empty-hosts"), "# empty\n", StandardCharsets.UTF_8);
            String agentArguments = "aliases=" + fixture.aliases + ";hostsFile=" + emptyHosts + ";resolvConf=" + resolvConf
                    + ";nameservers=" + dnsmasq.endpoint() + ";log.level=warn";
            Setup setup = new Setup(agent, agentArguments, nettyJars, dnsmasq.endpoint(), fixture.guardHostsFile, resolvConf, hosts, hitOps, missOps);
            System.out.printf(Locale.ROOT, "  %s, address=/%s/%s, host-record=%s,%s,3600, cache-size=0%n", dnsmasq, MISS_DOMAIN, MISS_ADDRESS,
                    CACHED_NAME, Fixture.ADDRESS);
            System.out.printf(Locale.ROOT, "  agent %s=%s%n", agent, agentArguments);
            System.out.printf(Locale.ROOT, "  Netty: %s%n", nettyJars.stream().map(jar -> jar.getFileName().toString()).toList());
            System.out.printf(Locale.ROOT, "  %d rounds x %d JDKs x %d modes; per JVM: hits %d warm-up + %d x %d, misses %d warm-up + %d x %d lookups; %s%n%n",
                    rounds, jdks.size(), modes.size(), 2 * hitOps, BATCHES, hitOps / BATCHES, missOps, BATCHES, missOps / BATCHES, Machine.describe());

            Map<Jdk, String> versions = new LinkedHashMap<>();
            Map<Jdk, Report> reports = new LinkedHashMap<>();
            for (Jdk jdk : jdks) {
                versions.put(jdk, jdk.runtimeVersion());
                reports.put(jdk, new Report("µs/op"));
                if (modes.contains(AGENT_MISS)) {
                    probe(setup, jdk);
                }
            }
            for (int round = 1; round <= rounds; round++) {
                for (Jdk jdk : jdks) {
                    for (int m = 0; m < modes.size(); m++) {
                        String mode = modes.get((m + round - 1) % modes.size());
                        ChildJvm child = ChildJvm.run(setup.launch(jdk, mode, "log.level=warn"), NettyResolverChild.class, setup.childArguments(mode, 1),
                                false, "").orFail(mode + " on " + versions.get(jdk));
                        List<Double> micros = new ArrayList<>();
                        for (String value : child.text("batches.ns").split(",")) {
                            micros.add(Double.parseDouble(value) / 1000);
                        }
                        Report.Fork fork = new Report.Fork(round, micros, Double.NaN);
                        reports.get(jdk).add(mode, fork);
                        System.out.printf(Locale.ROOT, "  round %d/%d  JDK %-24s %-13s median %8s µs  p99 %8s µs  (%.0f s elapsed)%n", round, rounds,
                                versions.get(jdk), mode, Report.number(fork.median()), Report.number(child.result("p99.ns") / 1000),
                                (System.nanoTime() - start) / 1e9);
                    }
                }
            }
            System.out.println();
            PerfRows rows = new PerfRows();
            for (Jdk jdk : jdks) {
                Report report = reports.get(jdk);
                System.out.print(report.render("JDK " + versions.get(jdk) + "  (" + jdk.java() + ")"));
                comparison(report, modes, rows, versions.get(jdk), "alias-vs-cache-hit", "an alias, answered by the agent",
                        AGENT_ALIAS, "Netty's own cache hit", NETTY_CACHE);
                comparison(report, modes, rows, versions.get(jdk), "dns-hit-vs-cache-hit", "a name in the agent's dns-tier cache",
                        AGENT_DNS_HIT, "Netty's own cache hit", NETTY_CACHE);
                comparison(report, modes, rows, versions.get(jdk), "miss", "a new name per lookup, through the agent's dns tier",
                        AGENT_MISS, "Netty's own DNS client", NETTY_MISS);
                System.out.println();
            }
            rows.write(rowsFile);
        } finally {
            fixture.delete();
        }
        System.out.printf(Locale.ROOT, "load average: %s at start, %s at end; %.0f s in all%n", startLoad, Machine.loadAverage(), (System.nanoTime() - start) / 1e9);
        System.out.println("µs/op: median of the batch medians of every JVM of the mode (10 batches per JVM, after its warm-up); spread: (max - min) / median"
                + " of the JVM medians; ratio brackets: the same ratio per round (JVMs run back to back). A lookup is timed on the event loop,"
                + " from resolve(name) to its future's listener.");
    }

    /** Prints the comparison of {@code mode} against {@code baseline}, and makes it a row, when both ran. */
    private static void comparison(Report report, List<String> modes, PerfRows rows, String version, String key, String what, String mode,
                                   String baselineName, String baseline) {
        if (modes.contains(mode) && modes.contains(baseline)) {
            System.out.print(report.comparison(what + " vs " + baselineName, mode, baseline));
            rows.ratio(key, version, "Netty's DnsNameResolver.resolve on its event loop: " + what, report.median(mode), baselineName,
                    report.median(baseline), "µs");
        }
    }

    /**
     * Once per JDK, at log.level=debug: the agent wove DnsNameResolver, and took the resolver for one that asks the host's
     * nameservers (no "nameservers of its own" line), so that its misses go through the chain's dns tier, not back to Netty.
     */
    private static void probe(Setup setup, Jdk jdk) {
        ChildJvm child = ChildJvm.run(setup.launch(jdk, AGENT_MISS, "log.level=debug"), NettyResolverChild.class, setup.childArguments(AGENT_MISS, 0),
                false, "").orFail("the debug probe on " + jdk.feature());
        String log = String.join("\n", child.lines());
        boolean woven = log.contains("woven into io/netty/resolver/dns/DnsNameResolver");
        boolean own = log.contains("nameservers of its own");
        System.out.printf(Locale.ROOT, "  JDK %d probe (log.level=debug): DnsNameResolver woven: %s; resolver taken for one with nameservers of its own: %s%n",
                jdk.feature(), woven ? "yes" : "NO", own ? "YES" : "no");
        if (!woven || own) {
            throw new IllegalStateException("the agent does not take over this Netty resolver's lookups:\n" + log);
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** How a mode's JVM is started. */
    private record Setup(Path agent, String agentArguments, List<Path> nettyJars, String nameserver, Path guardHosts, Path resolvConf,
                         Path hosts, int hitOps, int missOps) {

        JvmLaunch launch(Jdk jdk, String mode, String logLevel) {
            JvmLaunch launch = JvmLaunch.on(jdk).option(HEAP)
                    .via("unshare", "--mount", "--propagation", "private", "sh", "-c", PRIVATE_ETC, resolvConf.toString(), hosts.toString())
                    .property("jdk.net.hosts.file", guardHosts.toString())
                    .property("dnsjava.configprovider.skipinit", "true")
                    .classPath(nettyJars.toArray(Path[]::new));
            return mode.startsWith("agent") ? launch.agent(agent, agentArguments.replace("log.level=warn", logLevel)) : launch;
        }

        /** {@code scale} 0: a handful of lookups (the probe). */
        List<String> childArguments(String mode, int scale) {
            boolean miss = mode.endsWith("miss");
            int ops = scale == 0 ? BATCHES : miss ? missOps : hitOps;
            List<String> args = new ArrayList<>(List.of("--nameserver", nameserver, "--agent", mode.startsWith("agent") ? "yes" : "no",
                    "--warmup", "" + (scale == 0 ? 0 : miss ? missOps : 2 * hitOps), "--batches", "" + BATCHES, "--batch", "" + ops / BATCHES));
            args.addAll(switch (mode) {
                case AGENT_ALIAS -> List.of("--name", Fixture.NAME, "--expect", Fixture.ADDRESS);
                case NETTY_CACHE -> List.of("--name", CACHED_NAME, "--expect", Fixture.ADDRESS);
                case AGENT_DNS_HIT -> List.of("--name", CACHED_NAME, "--expect", Fixture.ADDRESS, "--check-alias", Fixture.NAME + "=" + Fixture.ADDRESS);
                case AGENT_MISS -> List.of("--name", "n%d." + MISS_DOMAIN, "--expect", MISS_ADDRESS, "--check-alias", Fixture.NAME + "=" + Fixture.ADDRESS);
                case NETTY_MISS -> List.of("--name", "n%d." + MISS_DOMAIN, "--expect", MISS_ADDRESS);
                default -> throw new IllegalArgumentException(mode);
            });
            return args;
        }
    }
}
