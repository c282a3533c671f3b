package dev.resolvechain.benchmarks;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.testkit.Trees;
import dev.resolvechain.wire.Endpoint;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The in-process half of {@link LocalMissRunner}, run in a child JVM per JDK: a cache miss of the
 * local tier (the local client is dnsmasq on loopback), or with {@code --tier dns} of the host
 * tier (dnsmasq the host nameserver), against dnsjava's stock {@link Lookup}
 * asking the same dnsmasq, side by side ({@link Interleaved}), every operation with a name never
 * asked before ({@code n<i>.vip}, which dnsmasq answers from {@code address=/vip/...}), so that
 * neither the tier's cache nor dnsjava's can answer.
 *
 * <ul>
 *   <li>local tier: {@code ResolveChain.lookup(name, IPV4_ONLY)} (A) or {@code IPV4_FIRST} (A+AAAA,
 *       both questions sent back to back on one socket), the chain built by {@code ChainFactory} from
 *       {@code local=DNSMASQ;local.domains=vip;local.timeout=2s};</li>
 *   <li>dnsjava: {@code new Lookup(name, Type.A)} with {@code setResolver(one shared SimpleResolver(127.0.0.1:port))},
 *       {@code setCache(null)} (a fresh temporary cache per lookup) and {@code setHostsFileParser(null)}
 *       (no hosts-file read: a DNS cache miss is compared, and the machine's /etc/hosts is not read);
 *       for A+AAAA, a Lookup for A then one for AAAA;</li>
 *   <li>the floor: one UDP exchange with dnsmasq, a query built once, one socket kept open.</li>
 * </ul>
 */
public final class LocalMissChild {
    static final String DOMAIN = "vip";
    static final String ADDRESS_V4 = "192.0.2.1";
    static final String ADDRESS_V6 = "2001:db8::1";

    static final String FLOOR = "floor: UDP exchange, A (prebuilt, one socket)";
    static final String DNSJAVA_A = "dnsjava Lookup, A";
    static final String DNSJAVA_BOTH = "dnsjava Lookup, A then AAAA";
    static final int SLICES = 50;

    private LocalMissChild() {
    }

    public static void main(String[] args) throws Exception {
        // dnsjava's defaults (Lookup's static resolver and search path) must not come from the machine's resolv.conf
        System.setProperty("dnsjava.configprovider.skipinit", "true");
        String server = null;
        String tier = "local";
        int warmup = 3;
        int rounds = 10;
        int ops = 2000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dnsmasq" -> server = args[++i];
                case "--tier" -> tier = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--ops" -> ops = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (server == null) {
            throw new IllegalArgumentException("--dnsmasq is required");
        }
        BenchLog.install();
        Endpoint endpoint = Endpoint.parse(server);
        Path dir = Files.createTempDirectory("resolvechain-localmiss-");
        try (DatagramSocket floorSocket = new DatagramSocket()) {
            Path hosts = Files.writeString(dir.resolve("hosts"), "# empty\n", StandardCharsets.UTF_8);
            Path resolvConf = Files.writeString(dir.resolve("resolv.conf"), "# no nameserver: every name here is the local client's\n",
                    StandardCharsets.UTF_8);
            // local.timeout as dnsjava's (2 s): on a loaded machine a slow answer is then measured, not failed (and the
            // client not marked down); the default 250 ms was exceeded once at a load average of 7
            String arguments = switch (tier) {
                case "local" -> "local=" + server + ";local.domains=" + DOMAIN + ";local.timeout=2s;hostsFile=" + hosts + ";resolvConf=" + resolvConf;
                // the host nameservers, tried as glibc would (n<i>.vip has ndots dots: asked as is, no search list)
                case "dns" -> "nameservers=" + server + ";hostsFile=" + hosts + ";resolvConf="
                        + Files.writeString(resolvConf, "options timeout:2 attempts:1\n", StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException("--tier: local or dns, not " + tier);
            };
            String tierA = tier + " tier, A";
            String tierBoth = tier + " tier, A+AAAA";
            String answeredBy = tier;
            System.out.printf(Locale.ROOT, "  JDK %s, in-process: chain %s%n", Runtime.version(), arguments);

            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), endpoint.port()));
            resolver.setTimeout(Duration.ofSeconds(2)); // as local.timeout
            Message probe = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("probe." + DOMAIN + "."), Type.A, DClass.IN)));
            System.out.printf(Locale.ROOT, "  dnsmasq answers A for probe.%s with TTL %d (the tier caches nothing with TTL 0; every name is new anyway)%n",
                    DOMAIN, probe.getSection(Section.ANSWER).get(0).getTTL());

            floorSocket.connect(endpoint.socketAddress());
            floorSocket.setSoTimeout(2000);
            byte[] floorQuery = Message.newQuery(Record.newRecord(Name.fromString("n0." + DOMAIN + "."), Type.A, DClass.IN)).toWire();
            byte[] floorBuffer = new byte[1232];
            DatagramPacket floorPacket = new DatagramPacket(floorBuffer, floorBuffer.length);

            try (ResolveChain chain = ChainFactory.create(ConfigLoader.load(arguments, Map.of(), Map.of()), Map.of())) {
                Interleaved loop = new Interleaved()
                        .add(FLOOR, ops, seq -> {
                            floorSocket.send(new DatagramPacket(floorQuery, floorQuery.length));
                            floorPacket.setLength(floorBuffer.length);
                            floorSocket.receive(floorPacket);
                            return floorPacket;
                        }, result -> expectFloor((DatagramPacket) result))
                        .add(tierA, ops, seq -> chain.lookup(name(seq), AddressPolicy.IPV4_ONLY), result -> expectTier((Resolution) result, answeredBy, 1))
                        .add(DNSJAVA_A, ops, seq -> lookup(resolver, name(seq) + ".", Type.A), result -> expectDnsjava((Record[]) result, Type.A))
                        .add(tierBoth, ops, seq -> chain.lookup(name(seq), AddressPolicy.IPV4_FIRST), result -> expectTier((Resolution) result, answeredBy, 2))
                        .add(DNSJAVA_BOTH, ops, seq -> {
                            String name = name(seq) + ".";
                            Record[] a = lookup(resolver, name, Type.A);
                            Record[] aaaa = lookup(resolver, name, Type.AAAA);
                            return new Record[][] {a, aaaa};
                        }, result -> {
                            expectDnsjava(((Record[][]) result)[0], Type.A);
                            expectDnsjava(((Record[][]) result)[1], Type.AAAA);
                        });
                loop.run(warmup, rounds, SLICES);
                System.out.print(loop.render(String.format(Locale.ROOT,
                        "  Cache miss, one new name per operation (%d warm-up + %d measured rounds, modes interleaved)", warmup, rounds)));
                System.out.print(loop.ratioLine("dnsjava Lookup vs " + tierA, DNSJAVA_A, tierA));
                System.out.print(loop.ratioLine("dnsjava Lookup vs " + tierBoth, DNSJAVA_BOTH, tierBoth));
                System.out.print(loop.ratioLine(tierA + " vs the floor", tierA, FLOOR));
                System.out.print(loop.addedLine(tierA + " above the floor", tierA, FLOOR, Double.NaN));
                System.out.printf(Locale.ROOT, "RESULT floor.us %.3f%n", loop.median(FLOOR));
                System.out.printf(Locale.ROOT, "RESULT tier.a.us %.3f%n", loop.median(tierA));
                System.out.printf(Locale.ROOT, "RESULT dnsjava.a.us %.3f%n", loop.median(DNSJAVA_A));
                System.out.printf(Locale.ROOT, "RESULT tier.both.us %.3f%n", loop.median(tierBoth));
                System.out.printf(Locale.ROOT, "RESULT dnsjava.both.us %.3f%n", loop.median(DNSJAVA_BOTH));
            }
        } finally {
            Trees.delete(dir);
        }
    }

    private static String name(long seq) {
        return "n" + seq + "." + DOMAIN;
    }

    private static Record[] lookup(SimpleResolver resolver, String name, int type) throws Exception {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(null);
        lookup.setHostsFileParser(null);
        Record[] records = lookup.run();
        if (lookup.getResult() != Lookup.SUCCESSFUL) {
            throw new IllegalStateException("dnsjava Lookup " + name + " " + Type.string(type) + ": " + lookup.getErrorString());
        }
        return records;
    }

    private static void expectFloor(DatagramPacket packet) {
        byte[] data = packet.getData();
        int rcode = data[3] & 0x0f;
        int answers = (data[6] & 0xff) << 8 | data[7] & 0xff;
        if (packet.getLength() < 12 || rcode != 0 || answers < 1) {
            throw new IllegalStateException("floor: rcode " + rcode + ", " + answers + " answers");
        }
    }

    private static void expectTier(Resolution resolution, String tier, int count) {
        List<String> addresses = resolution.addresses().stream().map(InetAddress::getHostAddress).toList();
        if (!resolution.answeredBy().equals(tier) || addresses.size() != count || !addresses.get(0).equals(ADDRESS_V4)
                || resolution.steps().get(0).detail().contains("cached")) {
            throw new IllegalStateException(tier + " tier: " + addresses + " by " + resolution.answeredBy() + ": " + resolution.steps());
        }
    }

    private static void expectDnsjava(Record[] records, int type) {
        boolean right = records != null && records.length == 1 && (type == Type.A
                ? records[0] instanceof ARecord a && a.getAddress().getHostAddress().equals(ADDRESS_V4)
                : records[0] instanceof AAAARecord aaaa && aaaa.getAddress().getHostAddress().equals("2001:db8:0:0:0:0:0:1"));
        if (!right) {
            throw new IllegalStateException("dnsjava " + Type.string(type) + ": " + java.util.Arrays.toString(records));
        }
    }
}
