package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.agent.it.libs.DnsjavaChild;
import dev.resolvechain.agent.it.libs.JndiDnsChild;
import dev.resolvechain.agent.it.libs.LettuceChild;
import dev.resolvechain.agent.it.libs.NettyEventLoopChild;
import dev.resolvechain.agent.it.libs.NettyResolverChild;
import dev.resolvechain.agent.it.libs.ReactorNettyChild;
import dev.resolvechain.agent.it.libs.VertxWebClientChild;
import dev.resolvechain.testkit.Dnsmasq;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.Netns;
import dev.resolvechain.testkit.Requirements;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Libraries that carry a DNS resolver of their own (issue 13): reactor-netty's HttpClient, Vert.x's
 * WebClient, Lettuce, Netty's DnsNameResolver (4.1 and 4.2) and an application's own dnsjava, each in
 * a child JVM on its own class path ({@code target/libs/SET}, see agent/pom.xml), inside a network
 * namespace of the test's own. The namespace's resolv.conf names a decoy, a dnsmasq that logs every
 * query and knows no name. The agent's chain knows two: {@code svc-alias} from its alias files, and
 * {@code only-agent.test} from its nameserver ({@code nameservers=}, another dnsmasq), while its
 * {@code resolvConf} is the namespace's /etc/resolv.conf, the decoy's, as on a real host. Each child
 * reaches both names through its library: a server on the target address (HTTP in the child itself,
 * or redis-server) says where the name led.
 *
 * <p>Without the agent each library must miss both names and ask the decoy for them: the decoy is
 * what the library uses. With it each must reach the target by both names, and the decoy hear of
 * neither. Netty with an explicit nameserver ({@code nameServerProvider}) is the exception the
 * application chose: under the agent an alias still comes from the chain, but a name only that
 * server knows is its answer.
 */
class LibraryResolversIT {
    private static final String ALIAS = "svc-alias";
    private static final String AGENT_NAME = "only-agent.test";
    private static final String EXPLICIT_NAME = "only-explicit.test";
    /** A name of the chain's hosts file alone. */
    private static final String HOSTS_NAME = "only-hosts.test";
    /** A name the slow nameserver answers, after {@link #SLOW_ANSWER}. */
    private static final String SLOW_NAME = "slow.example";
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(1);
    /** SRV records the reference nameserver holds, which Netty asks its own nameservers for. */
    private static final String SRV_NAME = "_svc._tcp.srv.test";
    private static final String AGENT_TXT = "agent-txt";
    /** The namespace is the test's own: every port in it is free. */
    private static final int REDIS_PORT = 6379;
    private static final long REDIS_READY_MILLIS = 5000;
    private static final Pattern QUERY = Pattern.compile("query\\[(\\w+)\\] (\\S+) from ");

    @TempDir
    static Path dir;
    private static Netns netns;
    private static Dnsmasq decoy;
    private static Dnsmasq agentNameserver;
    private static Dnsmasq explicitNameserver;
    private static Dnsmasq referenceNameserver;
    private static TestDnsServer slowNameserver;
    private static Process redis;
    /** Where every name leads: the address the servers listen on. */
    private static String target;
    private static ChainFiles files;

    @BeforeAll
    static void network() throws IOException, InterruptedException {
        Dnsmasq.assumeInstalled();
        Requirements.requireCommand("redis-server");
        netns = Netns.builder().links(5).create();
        target = netns.inside(3).getHostAddress();
        // NXDOMAIN for every name, each query in its log
        decoy = Dnsmasq.builder().inside(netns, netns.inside(0)).address("/#/").option("log-queries").start();
        agentNameserver = Dnsmasq.builder().inside(netns, netns.inside(1)).local("test").hostRecord(AGENT_NAME, target)
                .option("txt-record=" + AGENT_NAME + "," + AGENT_TXT).start();
        explicitNameserver = Dnsmasq.builder().inside(netns, netns.inside(2)).local("test").hostRecord(EXPLICIT_NAME, target)
                .option("log-queries").start();
        referenceNameserver = Dnsmasq.builder().inside(netns, netns.inside(4)).local("test").hostRecord(ALIAS, target)
                .hostRecord(AGENT_NAME, target).option("srv-host=" + SRV_NAME + "," + AGENT_NAME + ",80").start();
        // on this side of link 1, reached from the namespace: where the agent's slow answers come from
        slowNameserver = TestDnsServer.start(netns.hostSide(1), 0).a(SLOW_NAME, 60, target).fault(SLOW_NAME, Fault.delay(SLOW_ANSWER));
        redis = startRedis();
        files = new ChainFiles(dir.resolve("chain")).alias("services.hosts", target + " " + ALIAS).hosts(target + " " + HOSTS_NAME);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {redis == null ? null : redis::destroyForcibly, decoy, agentNameserver,
                explicitNameserver, referenceNameserver, slowNameserver, netns}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the others are still closed
            }
        }
    }

    @OnBothJdks
    void reactorNettyHttpClient(Jdk jdk) {
        assertTheChainAnswers(jdk, "reactor", ReactorNettyChild.class, target);
    }

    @OnBothJdks
    void vertxWebClient(Jdk jdk) {
        assertTheChainAnswers(jdk, "vertx", VertxWebClientChild.class, target);
    }

    @OnBothJdks
    void lettuce(Jdk jdk) {
        assertTheChainAnswers(jdk, "lettuce", LettuceChild.class, String.valueOf(REDIS_PORT));
    }

    @OnBothJdks
    void netty41DnsNameResolver(Jdk jdk) {
        assertTheChainAnswers(jdk, "netty41", NettyResolverChild.class);
    }

    @OnBothJdks
    void netty42DnsNameResolver(Jdk jdk) {
        assertTheChainAnswers(jdk, "netty42", NettyResolverChild.class);
    }

    @OnBothJdks
    void dnsjavaLookup(Jdk jdk) {
        assertTheChainAnswers(jdk, "dnsjava", DnsjavaChild.class);
    }

    @OnBothJdks
    void netty41WithAnExplicitNameserver(Jdk jdk) {
        assertAnAliasStillComesFromTheChain(jdk, "netty41");
    }

    @OnBothJdks
    void netty42WithAnExplicitNameserver(Jdk jdk) {
        assertAnAliasStillComesFromTheChain(jdk, "netty42");
    }

    /**
     * On the event loop's own thread, a Netty resolver on its defaults (resolv.conf: the reference
     * nameserver, which the chain reads too) gets an alias and a hosts-file line at once, inline;
     * a name whose nameserver takes {@link #SLOW_ANSWER} to answer comes later while the loop runs
     * on, and inline the second time (the host tier's cache); an unknown name fails with the chain's reason; and SRV records still come from Netty's own
     * nameservers, as Netty asks them.
     */
    @OnBothJdks
    void nettyEventLoopIsNeverHeld(Jdk jdk) {
        List<Executable> checks = new ArrayList<>();
        for (String set : List.of("netty41", "netty42")) {
            Run run = run(jdk, set, NettyEventLoopChild.class, referenceNameserver, "with the agent, a slow nameserver",
                    List.of("nameservers=" + slowNameserver.endpoint(), "resolvConf=/etc/resolv.conf", "log.level=warn"),
                    List.of(ALIAS, HOSTS_NAME, SLOW_NAME, SLOW_NAME, "gone.example", "SRV:" + SRV_NAME));
            checks.add(run::assertExited);
            checks.add(() -> assertEquals(List.of("-> " + target + " (inline)"), run.result.outcomes(ALIAS), run + ": the alias"));
            checks.add(() -> assertEquals(List.of("-> " + target + " (inline)"), run.result.outcomes(HOSTS_NAME), run + ": the hosts line"));
            checks.add(() -> assertEquals(List.of("-> " + target + " (loop free)", "-> " + target + " (inline)"), run.result.outcomes(SLOW_NAME),
                    run + ": the slow name must be answered off the loop, the loop running meanwhile; then from the host tier's cache, inline"));
            checks.add(() -> assertThat(run, "gone.example", "!! java.net.UnknownHostException: resolvechain: gone.example (Netty's DnsNameResolver): ", "dns: NXDOMAIN"));
            checks.add(() -> assertEquals(List.of("-> 1 SRV"), run.result.outcomes("SRV:" + SRV_NAME), run + ": SRV through Netty's own servers"));
        }
        assertAll("Netty's event loop on " + jdk, checks);
    }

    /**
     * The application's dnsjava asking other than A: AAAA of an alias with only an IPv4 address is
     * "type not found" (NODATA), not "host not found"; a TXT record goes to the nameserver the
     * chain's host tier asks (the only one that has it), never to the decoy of resolv.conf.
     */
    @OnBothJdks
    void dnsjavaOtherTypesAndFamilies(Jdk jdk) {
        List<String> questions = List.of("AAAA:" + ALIAS, "TXT:" + AGENT_NAME, "AAAA:gone.test");
        Run control = run(jdk, "dnsjava", DnsjavaChild.class, Setup.CONTROL, questions);
        Run chained = run(jdk, "dnsjava", DnsjavaChild.class, Setup.CHAINED, questions);
        assertAll("dnsjava on " + jdk,
                control::assertExited,
                chained::assertExited,
                () -> chained.assertWarnsNoMoreThan(control),
                () -> assertThat(control, "TXT:" + AGENT_NAME, "!! ", "host not found"),
                () -> control.assertDecoyAsked(AGENT_NAME),
                () -> assertThat(chained, "AAAA:" + ALIAS, "!! ", "type not found"),
                () -> assertEquals(List.of("-> " + AGENT_TXT), chained.result.outcomes("TXT:" + AGENT_NAME), chained + ": TXT"),
                () -> chained.assertDecoyNotAsked(AGENT_NAME),
                () -> assertThat(chained, "AAAA:gone.test", "!! ", "host not found"));
    }

    /**
     * JNDI's {@code dns:} provider is left alone (docs/jdk-hooks.md says why): under the agent it
     * still asks the nameservers of resolv.conf for what it is asked, SRV records included, and a name
     * the chain alone knows (a line of its hosts file) is unknown to it.
     */
    @OnBothJdks
    void jndiDnsIsLeftAlone(Jdk jdk) {
        List<String> agent = List.of("nameservers=" + agentNameserver.address().getHostAddress(), "resolvConf=/etc/resolv.conf",
                "log.level=warn");
        Run run = run(jdk, "dnsjava", JndiDnsChild.class, referenceNameserver, "with the agent", agent,
                List.of("SRV:" + SRV_NAME, "A:" + AGENT_NAME, "A:" + HOSTS_NAME));
        assertAll("JNDI dns: on " + jdk,
                run::assertExited,
                () -> assertEquals(List.of("-> 0 0 80 " + AGENT_NAME + "."), run.result.outcomes("SRV:" + SRV_NAME), run + ": SRV"),
                () -> assertEquals(List.of("-> " + target), run.result.outcomes("A:" + AGENT_NAME), run + ": from resolv.conf's server"),
                () -> assertThat(run, "A:" + HOSTS_NAME, "!! javax.naming.NameNotFoundException", ""));
    }

    /** That {@code run} printed one outcome for {@code command}, starting with {@code start} and holding {@code part}. */
    private static void assertThat(Run run, String command, String start, String part) {
        List<String> outcomes = run.result.outcomes(command);
        assertTrue(outcomes.size() == 1 && outcomes.get(0).startsWith(start) && outcomes.get(0).contains(part),
                () -> run + ": " + command + " should come out as '" + start + "...' with '" + part + "', but came out as " + outcomes);
    }

    /**
     * Where resolv.conf names a nameserver that knows both names, the child reaches both without the
     * agent: the rig works. Where it names the decoy, the child misses both and asks the decoy without
     * the agent; with it, it reaches both and the decoy hears nothing.
     */
    private static void assertTheChainAnswers(Jdk jdk, String set, Class<?> child, String... arguments) {
        List<String> all = Stream.concat(Stream.of(arguments), Stream.of(ALIAS, AGENT_NAME)).toList();
        Run reference = run(jdk, set, child, Setup.REFERENCE, all);
        Run control = run(jdk, set, child, Setup.CONTROL, all);
        Run chained = run(jdk, set, child, Setup.CHAINED, all);

        List<Executable> checks = new ArrayList<>(List.of(reference::assertExited, control::assertExited, chained::assertExited,
                () -> chained.assertWarnsNoMoreThan(control)));
        for (String name : List.of(ALIAS, AGENT_NAME)) {
            checks.add(() -> reference.assertReached(name));
            checks.add(() -> control.assertMissed(name));
            checks.add(() -> control.assertDecoyAsked(name));
            checks.add(() -> chained.assertReached(name));
            checks.add(() -> chained.assertDecoyNotAsked(name));
        }
        assertAll(set + " on " + jdk, checks);
    }

    /**
     * Netty on the explicit nameserver: without the agent it misses the alias and the explicit server
     * answers its own name; with it the alias comes from the chain, never asked of that server, and the
     * explicit server still answers its own name.
     */
    private static void assertAnAliasStillComesFromTheChain(Jdk jdk, String set) {
        List<String> all = List.of("--nameserver", explicitNameserver.endpoint(), ALIAS, EXPLICIT_NAME);
        Run control = run(jdk, set, NettyResolverChild.class, Setup.CONTROL, all);
        Run chained = run(jdk, set, NettyResolverChild.class, Setup.CHAINED, all);

        assertAll(set + " with an explicit nameserver on " + jdk,
                control::assertExited,
                chained::assertExited,
                () -> chained.assertWarnsNoMoreThan(control),
                () -> control.assertMissed(ALIAS),
                () -> assertTrue(control.explicitQueries.contains(ALIAS), control + ": the explicit nameserver was not asked for "
                        + ALIAS + ", so it is not what the library uses; it was asked " + control.explicitQueries),
                () -> control.assertReached(EXPLICIT_NAME),
                () -> chained.assertReached(ALIAS),
                () -> assertFalse(chained.explicitQueries.contains(ALIAS), chained + ": the explicit nameserver was asked for " + ALIAS
                        + ", an alias of the chain: " + chained.explicitQueries),
                () -> chained.assertReached(EXPLICIT_NAME),
                () -> assertTrue(chained.explicitQueries.contains(EXPLICIT_NAME), chained + ": " + EXPLICIT_NAME
                        + " was not answered by the explicit nameserver, which alone knows it; it was asked " + chained.explicitQueries));
    }

    private static Run run(Jdk jdk, String set, Class<?> child, Setup setup, List<String> arguments) {
        // resolvConf: the namespace's own, the decoy's, rather than ChainFiles' empty one
        List<String> agent = setup == Setup.CHAINED
                ? List.of("nameservers=" + agentNameserver.address().getHostAddress(), "resolvConf=/etc/resolv.conf", "log.level=warn")
                : List.of();
        return run(jdk, set, child, setup == Setup.REFERENCE ? referenceNameserver : decoy, setup.description, agent, arguments);
    }

    /** A child run with resolv.conf naming {@code nameserver}, under the agent of {@code agent} arguments (none: without it). */
    private static Run run(Jdk jdk, String set, Class<?> child, Dnsmasq nameserver, String description, List<String> agent,
                           List<String> arguments) {
        int decoyLogged = decoy.log().length();
        int explicitLogged = explicitNameserver.log().length();
        TestJvm jvm = TestJvm.on(jdk, files).inside(netns).classPath(Jars.librarySet(set));
        if (!agent.isEmpty()) {
            jvm.withAgent(agent.toArray(String[]::new));
        }
        netns.resolvConf("nameserver " + nameserver.address().getHostAddress() + "\n");
        ScriptResult result = new ScriptResult(jvm.start(child, arguments.toArray(String[]::new)).finish());
        return new Run(set + " (" + child.getSimpleName() + ") on " + jdk + " " + description, result,
                queriedSince(decoy, decoyLogged), queriedSince(explicitNameserver, explicitLogged));
    }

    /** The names asked of {@code dnsmasq} since its log was {@code logged} characters long. */
    private static List<String> queriedSince(Dnsmasq dnsmasq, int logged) {
        List<String> names = new ArrayList<>();
        Matcher query = QUERY.matcher(dnsmasq.log().substring(logged));
        while (query.find()) {
            names.add(query.group(2));
        }
        return names;
    }

    private static Process startRedis() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(netns.via()));
        // protected mode refuses all but loopback's clients; the namespace is the test's own
        command.addAll(List.of("redis-server", "--bind", target, "--port", String.valueOf(REDIS_PORT), "--protected-mode", "no",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile());
        JvmLaunch.removeInheritedConfiguration(builder.environment());
        Process process = builder.start();
        long deadline = System.currentTimeMillis() + REDIS_READY_MILLIS;
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(target, REDIS_PORT), 200);
                return process;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("redis-server did not listen on " + target + ":" + REDIS_PORT + " within "
                            + REDIS_READY_MILLIS + " ms: " + String.join(" ", command), notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    /** What the child reads in resolv.conf, and whether the agent runs. */
    private enum Setup {
        REFERENCE("without the agent, resolv.conf naming a nameserver that knows both names"),
        CONTROL("without the agent"),
        CHAINED("with the agent");

        final String description;

        Setup(String description) {
            this.description = description;
        }
    }

    /** One run of a child: what it printed, and the names the decoy and the explicit nameserver were asked meanwhile. */
    private record Run(String description, ScriptResult result, List<String> decoyQueries, List<String> explicitQueries) {

        void assertExited() {
            assertEquals(0, result.exitCode(), () -> this + " did not run to its end\n" + result.describe());
        }

        /** The JVM warned of nothing (a woven class, an agent, CDS) that it did not warn of without the agent. */
        void assertWarnsNoMoreThan(Run withoutAgent) {
            List<String> added = new ArrayList<>(warnings());
            added.removeAll(withoutAgent.warnings());
            assertEquals(List.of(), added, () -> this + ": warnings the agent added\n" + result.describe());
        }

        private List<String> warnings() {
            return result.stderrLines().stream().filter(line -> line.toLowerCase(Locale.ROOT).contains("warn")).toList();
        }

        void assertReached(String name) {
            assertEquals(List.of("-> " + target), result.outcomes(name), () -> this + ": " + name + " did not lead to " + target
                    + "; asked meanwhile: the decoy " + decoyQueries + ", the explicit nameserver " + explicitQueries);
        }

        void assertMissed(String name) {
            List<String> outcomes = result.outcomes(name);
            assertTrue(outcomes.size() == 1 && outcomes.get(0).startsWith("!! "), () -> this + ": " + name
                    + " should be unknown to the library alone, but came out as " + outcomes);
        }

        void assertDecoyAsked(String name) {
            assertTrue(decoyQueries.contains(name), () -> this + ": the decoy, the nameserver of resolv.conf, was not asked for " + name
                    + ", so it is not what the library uses (all it was asked: " + decoyQueries + ")");
        }

        void assertDecoyNotAsked(String name) {
            assertFalse(decoyQueries.contains(name), () -> this + ": the decoy, the nameserver of resolv.conf, was asked for " + name
                    + " (all it was asked: " + decoyQueries + ")");
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
