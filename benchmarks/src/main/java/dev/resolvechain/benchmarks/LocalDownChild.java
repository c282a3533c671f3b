package dev.resolvechain.benchmarks;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.Outcome;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Step;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.testkit.Trees;
import dev.resolvechain.wire.DnsAnswer;
import dev.resolvechain.wire.DnsClient;
import dev.resolvechain.wire.DnsName;
import dev.resolvechain.wire.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The in-process half of {@link LocalDownRunner}, run in a child JVM per JDK (no agent): chains
 * built as the agent builds them, {@code ChainFactory.create(ConfigLoader.load(args, Map.of(), Map.of()), Map.of())},
 * with a hosts file and a resolv.conf of its own (empty, no nameserver) in a temporary directory.
 *
 * <ul>
 *   <li>{@code down}: {@code local=HUNG;local.domains=*;local.onDown=fallthrough;nameservers=GOOD}, the
 *       local client marked down by two lookups before anything is measured;</li>
 *   <li>{@code no local}: the same chain without the {@code local} keys (the baseline).</li>
 * </ul>
 *
 * Both look up {@code svc.bench.test} (A and AAAA, TTL 0: every lookup is a DNS exchange with the
 * good server) and {@code cached.bench.test} (TTL 3600: a hit in the dns tier's cache), side by side
 * ({@link Interleaved}). Then what a lookup costs where the hung client is not (yet) skipped: the first
 * three lookups of fresh chains, and plain resolvers asking the hung server first on every lookup.
 */
public final class LocalDownChild {
    static final String UNCACHED_NAME = "svc.bench.test";
    static final String CACHED_NAME = "cached.bench.test";
    static final String ADDRESS_V4 = "192.0.2.10";
    static final String ADDRESS_V6 = "2001:db8::10";
    static final Duration TIMEOUT = Duration.ofMillis(250);
    /** Slices per round: every mode's batch is cut into this many, alternating with the other modes'. */
    static final int SLICES = 50;

    static final String DOWN_UNCACHED = "down, DNS exchange (TTL 0)";
    static final String NOLOCAL_UNCACHED = "no local tier, DNS exchange (TTL 0)";
    static final String DOWN_CACHED = "down, dns-tier cache hit";
    static final String NOLOCAL_CACHED = "no local tier, dns-tier cache hit";

    private LocalDownChild() {
    }

    public static void main(String[] args) throws Exception {
        // dnsjava (the plain-resolver comparison) must not read the machine's resolv.conf for its defaults
        System.setProperty("dnsjava.configprovider.skipinit", "true");
        String hung = null;
        String good = null;
        int warmup = 3;
        int rounds = 10;
        int opsUncached = 1000;
        int opsCached = 20_000;
        int fresh = 5;
        int plain = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--hung" -> hung = args[++i];
                case "--good" -> good = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--ops-uncached" -> opsUncached = Integer.parseInt(args[++i]);
                case "--ops-cached" -> opsCached = Integer.parseInt(args[++i]);
                case "--fresh" -> fresh = Integer.parseInt(args[++i]);
                case "--plain" -> plain = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (hung == null || good == null) {
            throw new IllegalArgumentException("--hung and --good are required");
        }
        BenchLog.install();
        Path dir = Files.createTempDirectory("resolvechain-localdown-");
        try {
            Path hosts = Files.writeString(dir.resolve("hosts"), "# empty: every name falls through to dns\n", StandardCharsets.UTF_8);
            Path resolvConf = Files.writeString(dir.resolve("resolv.conf"), "# no nameserver: the chains get nameservers=\n", StandardCharsets.UTF_8);
            String common = "nameservers=" + good + ";hostsFile=" + hosts + ";resolvConf=" + resolvConf;
            String downArgs = "local=" + hung + ";local.domains=*;local.onDown=fallthrough;local.timeout=250ms;" + common;
            System.out.printf(Locale.ROOT, "  JDK %s, in-process (no agent): ResolveChain.lookup(name, IPV4_FIRST), A+AAAA%n", Runtime.version());
            System.out.printf(Locale.ROOT, "  down:     %s%n  no local: %s%n", downArgs, common);
            measureSkip(downArgs, common, warmup, rounds, opsUncached, opsCached);
            firstLookups(downArgs, fresh);
            plainResolvers(hung, good, plain);
        } finally {
            Trees.delete(dir);
        }
    }

    private static ResolveChain chain(String arguments) throws Exception {
        return ChainFactory.create(ConfigLoader.load(arguments, Map.of(), Map.of()), Map.of());
    }

    private static void measureSkip(String downArgs, String common, int warmup, int rounds, int opsUncached, int opsCached)
            throws Exception {
        try (ResolveChain down = chain(downArgs); ResolveChain noLocal = chain(common)) {
            List<String> marking = new ArrayList<>();
            for (int i = 1; i <= 5 && !isSkipped(down.lookup(UNCACHED_NAME, AddressPolicy.IPV4_FIRST)); i++) {
                marking.add("lookup " + i);
            }
            Resolution check = down.lookup(UNCACHED_NAME, AddressPolicy.IPV4_FIRST);
            if (!isSkipped(check)) {
                throw new IllegalStateException("the local client was not marked down: " + check.steps());
            }
            down.lookup(CACHED_NAME, AddressPolicy.IPV4_FIRST); // into the dns tier's cache, for the cache-hit modes
            noLocal.lookup(CACHED_NAME, AddressPolicy.IPV4_FIRST);
            System.out.printf(Locale.ROOT, "  marked down by: %s; the local step now says: %s%n%n",
                    String.join(", ", marking), check.steps().get(0).detail());
            List<Double> localStepUncached = new ArrayList<>();
            List<Double> localStepCached = new ArrayList<>();
            Interleaved loop = new Interleaved()
                    .add(DOWN_UNCACHED, opsUncached, seq -> down.lookup(UNCACHED_NAME, AddressPolicy.IPV4_FIRST),
                            result -> localStepUncached.add((double) expect((Resolution) result, true, false)))
                    .add(NOLOCAL_UNCACHED, opsUncached, seq -> noLocal.lookup(UNCACHED_NAME, AddressPolicy.IPV4_FIRST),
                            result -> expect((Resolution) result, false, false))
                    .add(DOWN_CACHED, opsCached, seq -> down.lookup(CACHED_NAME, AddressPolicy.IPV4_FIRST),
                            result -> localStepCached.add((double) expect((Resolution) result, true, true)))
                    .add(NOLOCAL_CACHED, opsCached, seq -> noLocal.lookup(CACHED_NAME, AddressPolicy.IPV4_FIRST),
                            result -> expect((Resolution) result, false, true));
            loop.run(warmup, rounds, SLICES);
            System.out.print(loop.render(String.format(Locale.ROOT,
                    "  Per lookup, the local client marked down vs no local tier (%d warm-up + %d measured rounds, interleaved)",
                    warmup, rounds)));
            System.out.print(loop.addedLine("added by the skipped local tier, DNS exchange", DOWN_UNCACHED, NOLOCAL_UNCACHED, 1000));
            System.out.print(loop.addedLine("added by the skipped local tier, dns-tier cache hit", DOWN_CACHED, NOLOCAL_CACHED, 1000));
            System.out.printf(Locale.ROOT, "  the local step alone, as the chain times it (Step.micros, whole µs, warm-up included): median %s µs / p90 %s µs"
                    + " in the DNS-exchange mode, %s / %s µs in the cache-hit mode%n",
                    Report.number(Report.median(localStepUncached)), Report.number(Report.percentile(localStepUncached, 90)),
                    Report.number(Report.median(localStepCached)), Report.number(Report.percentile(localStepCached, 90)));
            System.out.println();
            System.out.printf(Locale.ROOT, "RESULT inproc.down.uncached.us %.3f%n", loop.median(DOWN_UNCACHED));
            System.out.printf(Locale.ROOT, "RESULT inproc.nolocal.uncached.us %.3f%n", loop.median(NOLOCAL_UNCACHED));
            System.out.printf(Locale.ROOT, "RESULT inproc.added.uncached.us %.3f%n", loop.added(DOWN_UNCACHED, NOLOCAL_UNCACHED));
            System.out.printf(Locale.ROOT, "RESULT inproc.down.cached.us %.3f%n", loop.median(DOWN_CACHED));
            System.out.printf(Locale.ROOT, "RESULT inproc.nolocal.cached.us %.3f%n", loop.median(NOLOCAL_CACHED));
            System.out.printf(Locale.ROOT, "RESULT inproc.added.cached.us %.3f%n", loop.added(DOWN_CACHED, NOLOCAL_CACHED));
        }
    }

    /** The local step skipped the client because it is down, and fell through. */
    static boolean isSkipped(Resolution resolution) {
        Step first = resolution.steps().get(0);
        return first.tier().equals("local") && first.outcome() == Outcome.FALLTHROUGH
                && first.detail().contains(" is down since ") && first.detail().contains("; skipped");
    }

    /** Checks the resolution; returns the local step's micros (0 without one). */
    private static long expect(Resolution resolution, boolean down, boolean cached) {
        List<String> addresses = resolution.addresses().stream().map(address -> address.getHostAddress()).toList();
        boolean right = resolution.answeredBy().equals("dns") && addresses.size() == 2 && addresses.get(0).equals(ADDRESS_V4)
                && (down ? isSkipped(resolution) : resolution.steps().get(0).tier().equals("hosts"));
        String dnsDetail = resolution.steps().get(resolution.steps().size() - 1).detail();
        right &= cached ? dnsDetail.contains("(cached, ") : dnsDetail.contains("(ttl 0 s)");
        if (!right) {
            throw new IllegalStateException("unexpected resolution " + addresses + " by " + resolution.answeredBy() + ": " + resolution.steps());
        }
        return down ? resolution.steps().get(0).micros() : 0;
    }

    /** Fresh chains (a new local tier each: nothing known about the client yet): lookups 1, 2 and 3. */
    private static void firstLookups(String downArgs, int fresh) throws Exception {
        List<List<Double>> byIndex = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int f = 0; f < fresh; f++) {
            try (ResolveChain chain = chain(downArgs)) {
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    Resolution resolution = chain.lookup(UNCACHED_NAME, AddressPolicy.IPV4_FIRST);
                    byIndex.get(i).add((System.nanoTime() - start) / 1e6);
                    if (!resolution.answeredBy().equals("dns")) {
                        throw new IllegalStateException("lookup " + (i + 1) + " of a fresh chain: " + resolution.steps());
                    }
                    if (i == 2 && !isSkipped(resolution)) {
                        throw new IllegalStateException("lookup 3 of a fresh chain did not skip the client: " + resolution.steps());
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "  Fresh chains (down config; the client not known to be down yet), %d chains, ms%n", fresh);
        String[] what = {"lookup 1: waits local.timeout, 1st failure", "lookup 2: waits local.timeout, marked down",
            "lookup 3: skips the client"};
        for (int i = 0; i < 3; i++) {
            System.out.printf(Locale.ROOT, "  %-56s median %8s  min %8s  max %8s%n", what[i],
                    Report.number(Report.median(byIndex.get(i))), Report.number(Collections.min(byIndex.get(i))),
                    Report.number(Collections.max(byIndex.get(i))));
        }
        System.out.printf(Locale.ROOT, "RESULT fresh.lookup1.ms %.3f%nRESULT fresh.lookup2.ms %.3f%nRESULT fresh.lookup3.ms %.4f%n",
                Report.median(byIndex.get(0)), Report.median(byIndex.get(1)), Report.median(byIndex.get(2)));
        System.out.println();
    }

    /**
     * Resolvers without a notion of the client's health, the hung server listed first: each lookup
     * pays its timeout before the good server is asked (or, for dnsjava's ExtendedResolver, as often
     * as its failure-count ordering still picks the hung server first).
     */
    private static void plainResolvers(String hung, String good, int lookups) throws Exception {
        Endpoint hungServer = Endpoint.parse(hung);
        Endpoint goodServer = Endpoint.parse(good);
        System.out.printf(Locale.ROOT, "  Plain resolvers, hung server first, good second, timeout 250 ms, %d lookups each, ms%n", lookups);

        // the chain's own DNS client, as the dns tier uses it, given both servers: glibc's order (res_send), every lookup
        DnsClient client = new DnsClient(List.of(hungServer, goodServer), TIMEOUT, 1, false);
        DnsName name = DnsName.of(UNCACHED_NAME);
        Name dnsjavaName = Name.fromString(UNCACHED_NAME + ".");
        List<Double> clientTimes = new ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            long start = System.nanoTime();
            DnsAnswer[] answers = client.ask(name, new int[] {Type.A, Type.AAAA}, Deadline.after(Duration.ofSeconds(3)));
            clientTimes.add((System.nanoTime() - start) / 1e6);
            if (answers[0].status() != DnsAnswer.Status.DATA || answers[1].status() != DnsAnswer.Status.DATA) {
                throw new IllegalStateException("DnsClient [hung, good]: " + answers[0] + " / " + answers[1]);
            }
        }
        printPlain("DnsClient [hung, good], A+AAAA (glibc's order)", clientTimes);

        // dnsjava: a SimpleResolver for the hung server, and on its timeout one for the good server
        SimpleResolver hungResolver = simple(hungServer);
        SimpleResolver goodResolver = simple(goodServer);
        List<Double> fallbackTimes = new ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            long start = System.nanoTime();
            Message response;
            try {
                response = hungResolver.send(query(dnsjavaName, Type.A));
            } catch (IOException timeout) {
                response = goodResolver.send(query(dnsjavaName, Type.A));
            }
            fallbackTimes.add((System.nanoTime() - start) / 1e6);
            expectAnswer("dnsjava SimpleResolver hung -> good", response);
        }
        printPlain("dnsjava SimpleResolver hung, then good on timeout, A", fallbackTimes);

        // dnsjava's ExtendedResolver over both (it orders its resolvers by failures counted so far)
        // (dnsjava 3.6: its constructor sets each resolver's timeout to 5 s, and its own timeout is the whole send's)
        ExtendedResolver extended = new ExtendedResolver(new Resolver[] {simple(hungServer), simple(goodServer)});
        for (Resolver resolver : extended.getResolvers()) {
            resolver.setTimeout(TIMEOUT);
        }
        extended.setTimeout(Duration.ofSeconds(2));
        extended.setRetries(1);
        List<Double> extendedTimes = new ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            long start = System.nanoTime();
            Message response = extended.send(query(dnsjavaName, Type.A));
            extendedTimes.add((System.nanoTime() - start) / 1e6);
            expectAnswer("dnsjava ExtendedResolver", response);
        }
        printPlain("dnsjava ExtendedResolver [hung, good], retries 1, A", extendedTimes);
        System.out.printf(Locale.ROOT, "RESULT plain.dnsclient.ms %.3f%nRESULT plain.simpleresolver.ms %.3f%nRESULT plain.extended.ms %.3f%n",
                Report.median(clientTimes), Report.median(fallbackTimes), Report.median(extendedTimes));
    }

    private static SimpleResolver simple(Endpoint server) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(server.address(), server.port()));
        resolver.setTimeout(TIMEOUT);
        return resolver;
    }

    private static Message query(Name name, int type) {
        return Message.newQuery(Record.newRecord(name, type, DClass.IN));
    }

    private static void expectAnswer(String who, Message response) {
        if (response.getRcode() != Rcode.NOERROR || response.getSection(org.xbill.DNS.Section.ANSWER).isEmpty()) {
            throw new IllegalStateException(who + ": " + response);
        }
    }

    private static void printPlain(String what, List<Double> millis) {
        long paid = millis.stream().filter(ms -> ms >= TIMEOUT.toMillis() * 0.8).count();
        StringBuilder each = new StringBuilder();
        for (double ms : millis) {
            each.append(each.length() == 0 ? "" : " ").append(Report.number(ms));
        }
        System.out.printf(Locale.ROOT, "  %-56s median %8s  paid the timeout %d of %d  [%s]%n", what,
                Report.number(Report.median(millis)), paid, millis.size(), each);
    }
}
