package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Etcd;
import dev.resolvechain.testkit.EtcdExtension;
import dev.resolvechain.testkit.EtcdMember;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alias source in etcd (issue 16) through the agent: a service looking an alias up in a loop while the alias
 * moves from one owner to another never gets no answer, and once it has seen the move never gets the old address
 * again, with or without the JDK's own address cache in between; and the agent's own way to etcd stays out of the
 * chain it feeds (no lookup of a member through {@code InetAddress}, an alias cannot redirect it) and off the JVM's
 * exit (daemon threads only). One etcd member for the class (and a cluster of three for the test that kills the
 * member the agent follows), a prefix for each test.
 */
class EtcdAliasesIT {
    private static final String OLD = "192.0.2.11";
    private static final String NEW = "192.0.2.12";
    private static final String NEWER = "192.0.2.13";
    /** A move is seen within milliseconds; the bound is for a loaded machine, the measured values are printed. */
    private static final long BOUND_MILLIS = 5000;

    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.single();

    @TempDir
    Path dir;

    /**
     * Two services on one host, one of them with the JDK told to cache answers for 10 minutes (the agent's entry in
     * that cache reads the alias table). First the careful move: api-2 registers (both addresses answer), then api-1
     * unregisters. Then the quick one, as a deploy script does it: api-3 registers and api-2's lease is revoked at
     * once; both addresses may or may not be seen together in between, but never no address.
     */
    @OnBothJdks
    void anAliasMovingBetweenOwnersIsNeverMissingAndTheOldAddressNeverReturns(Jdk jdk) throws InterruptedException {
        EtcdAliases aliases = new EtcdAliases(ETCD.etcd(), new ChainFiles(dir));
        aliases.put("api-1", OLD + " api");
        long lease = ETCD.etcd().grantLease(60);
        long registered;
        long unregistered;
        long revoked;
        ScriptResult[] hosts = new ScriptResult[2];
        try (RunningJvm plain = watcher(aliases.jvm(jdk, "log.level=warn"));
             RunningJvm cached = watcher(aliases.jvm(jdk, "log.level=warn").jdkCacheSeconds(600).property("sun.net.inetaddr.ttl", "600")
                     .property("sun.net.inetaddr.negative.ttl", "600"))) {
            RunningJvm[] both = {plain, cached};
            awaitEach(both, OLD);

            registered = aliases.put("api-2", lease, NEW + " api");
            awaitEach(both, OLD + "," + NEW);
            unregistered = aliases.delete("api-1");
            awaitEach(both, NEW);

            aliases.put("api-3", NEWER + " api");
            revoked = System.currentTimeMillis();
            ETCD.etcd().revokeLease(lease);
            awaitEach(both, NEWER);
            Thread.sleep(1000); // both keep looking it up, about once a millisecond
            hosts[0] = new ScriptResult(plain.finish()).succeeded();
            hosts[1] = new ScriptResult(cached.finish()).succeeded();
        }

        String[] names = {"plain", "JDK cache 600 s"};
        List<List<String>> allowed = List.of(List.of(OLD, OLD + "," + NEW, NEW, NEW + "," + NEWER, NEWER),
                List.of(OLD, OLD + "," + NEW, NEW, NEWER));
        for (int i = 0; i < hosts.length; i++) {
            Watched api = Watched.of(hosts[i], "all=api");
            List<String> answers = api.answers();
            assertTrue(allowed.contains(answers), names[i] + ": the old address, both, the new one; then the newer one, with the new one only"
                    + " before it; never no address (unknown), never an address that has gone: " + answers + "\n" + hosts[i].describe());
            long both = api.latency(OLD + "," + NEW, registered);
            long moved = api.latency(NEW, unregistered);
            long quick = api.latency(NEWER, revoked);
            System.out.printf("%s %s: api-2 registered -> both after %d ms; api-1 deleted -> %s only after %d ms; api-3 registered and"
                    + " api-2's lease revoked -> %s only after %d ms; %s%n", jdk, names[i], both, NEW, moved, NEWER, quick, answers);
            for (long latency : new long[] {both, moved, quick}) {
                assertTrue(latency <= BOUND_MILLIS, names[i] + " followed etcd only after " + latency + " ms: " + api.seen());
            }
            assertTrue(Watched.rounds(hosts[i]) > 500, "the child kept looking up: " + hosts[i].answer("watch:all=api"));
        }
    }

    /**
     * A cluster of three, and the member the agent follows dies (SIGKILL) in the middle of a move: the agent goes on
     * from its revision on another member, and the service sees the move through as before, never without an answer.
     */
    @OnBothJdks
    void aMoveDuringTheLossOfTheFollowedMemberIsSeenThroughOnAnotherMember(Jdk jdk) throws InterruptedException {
        BlockingQueue<String> log = new LinkedBlockingQueue<>();
        long killed;
        long unregistered;
        String followed;
        ScriptResult result;
        try (Etcd cluster = Etcd.cluster(3).start()) {
            EtcdAliases aliases = new EtcdAliases(cluster, new ChainFiles(dir));
            aliases.put("api-1", OLD + " api");
            try (RunningJvm child = watcher(aliases.jvm(jdk).onStderr(log::add))) {
                child.awaitLine(Watched.line("all=api", OLD));
                followed = awaitFollowing(log, aliases, null);
                aliases.put("api-2", NEW + " api");
                child.awaitLine(Watched.line("all=api", OLD + "," + NEW));

                EtcdMember member = cluster.members().stream().filter(m -> m.endpoint().equals(followed)).findFirst().orElseThrow();
                member.kill();
                killed = System.currentTimeMillis();
                cluster.awaitLeader(Duration.ofSeconds(10));
                unregistered = aliases.delete("api-1");
                child.awaitLine(Watched.line("all=api", NEW));
                String next = awaitFollowing(log, aliases, followed);
                Thread.sleep(500);
                child.send("stop");
                result = new ScriptResult(child.finish()).succeeded();
                System.out.printf("%s: killed %s, the member followed; following %s after it; api-1 deleted %d ms after the kill ->"
                        + " %s only after %d ms%n", jdk, followed, next, unregistered - killed, NEW,
                        Watched.of(result, "all=api").latency(NEW, unregistered));
            }
        }
        Watched api = Watched.of(result, "all=api");
        assertEquals(List.of(OLD, OLD + "," + NEW, NEW), api.answers(), result::describe);
        assertTrue(api.latency(NEW, unregistered) <= BOUND_MILLIS, api.seen().toString());
    }

    /** The member of the agent's "following ... on member HOST:PORT" log line, the first that is not {@code other}. */
    private static String awaitFollowing(BlockingQueue<String> log, EtcdAliases aliases, String other) throws InterruptedException {
        String prefix = "resolvechain INFO: aliases: following " + aliases.location() + " on member ";
        long deadline = System.currentTimeMillis() + 20_000;
        List<String> seen = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            String line = log.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                String member = line.substring(prefix.length(), line.indexOf(' ', prefix.length()));
                if (!member.equals(other)) {
                    return member;
                }
            }
        }
        throw new AssertionError("the agent did not log that it follows a member" + (other == null ? "" : " other than " + other) + ": " + seen);
    }

    /**
     * While the agent loads, watches and probes etcd (a quiet watch is probed after 3 s), the chain sees no lookup but
     * the application's own: the members are IP literals, reached without a name service. The JVM records with JFR,
     * as many services do: on JDK 17 JFR's socket read events ask each socket's address for its host name, which
     * must not become a reverse lookup of the member through the chain. The agent's thread is a daemon: once main
     * returns the JVM exits.
     */
    @OnBothJdks
    void theAgentReachesEtcdOutsideTheChainAndOnDaemonThreadsOnly(Jdk jdk) throws InterruptedException {
        EtcdAliases aliases = new EtcdAliases(ETCD.etcd(), new ChainFiles(dir));
        aliases.put("api-1", "192.0.2.21 api");
        Path recording = dir.resolve("lookups.jfr");
        ScriptResult result;
        long exitMillis;
        try (RunningJvm child = aliases.jvm(jdk, "log.level=warn").option(RecordedLookups.option(recording)).timeout(Duration.ofSeconds(30))
                .start("all:api", "await", "until:api=-> 192.0.2.22", "sleep:3500", "all:nope.invalid", "nested", "threads")) {
            TestJvm.atAwait(child, () -> aliases.put("api-1", "192.0.2.22 api"));
            child.awaitLine("threads -> ");
            long mainEnded = System.nanoTime();
            result = new ScriptResult(child.finish()).succeeded();
            exitMillis = (System.nanoTime() - mainEnded) / 1_000_000;
        }

        assertEquals("192.0.2.21", result.answer("all:api"));
        assertTrue(result.failure("all:nope.invalid").startsWith("java.net.UnknownHostException: "), result::describe);
        assertEquals("none", result.answer("threads"), "every thread the agent started is a daemon\n" + result.describe());
        assertEquals("0", result.answer("nested"), "no lookup from inside the chain");
        RecordedLookups lookups = RecordedLookups.read(recording);
        assertTrue(lookups.names().contains("nope.invalid"), "the recording holds the chain's lookups: " + lookups.all());
        assertEquals(List.of(), lookups.notFrom("main"), "every lookup the chain saw was the application's");
        assertTrue(Set.of("api", "nope.invalid").containsAll(lookups.names()), "only the application's names: " + lookups.names());
        System.out.printf("%s: the JVM ended %d ms after main's last command, following etcd; lookups recorded: %s%n", jdk, exitMillis,
                lookups.all());
        assertTrue(exitMillis <= BOUND_MILLIS, "the JVM took " + exitMillis + " ms to exit after main returned");
    }

    /**
     * A member named by a host name is looked up in the hosts file (and the host nameservers), never through
     * {@code InetAddress} and never in the alias tier: an alias that claims the member's name answers the
     * application, but the agent reconnects after a restart of the member to the address of the hosts file.
     */
    @OnBothJdks
    void aMemberNamedByHostNameIsFoundInTheHostsFileAndNoAliasRedirectsIt(Jdk jdk) throws InterruptedException {
        String member = "etcd-member.test";
        ChainFiles files = new ChainFiles(dir).hosts("127.0.0.1 " + member);
        EtcdAliases aliases = new EtcdAliases(ETCD.etcd(), files).members(member + ":" + ETCD.etcd().member(0).clientPort());
        aliases.put("hijack", "127.0.0.2 " + member); // where nothing listens: the agent would find no etcd there
        aliases.put("api-1", "192.0.2.31 api");
        Path recording = dir.resolve("lookups.jfr");
        ScriptResult result;
        long restarted;
        try (RunningJvm child = aliases.jvm(jdk, "log.level=warn").option(RecordedLookups.option(recording)).timeout(Duration.ofSeconds(30))
                .start("all:" + member, "watch:all=api", "nested", "threads")) {
            child.awaitLine(Watched.line("all=api", "192.0.2.31"));
            ETCD.etcd().member(0).restart(); // the watch ends: the agent connects again, looking the member up again
            restarted = aliases.put("api-1", "192.0.2.32 api");
            child.awaitLine(Watched.line("all=api", "192.0.2.32"));
            child.send("stop");
            result = new ScriptResult(child.finish()).succeeded();
        }

        assertEquals("127.0.0.2", result.answer("all:" + member), "the application gets the alias");
        assertEquals(List.of("192.0.2.31", "192.0.2.32"), Watched.of(result, "all=api").answers(), result::describe);
        System.out.printf("%s: member %s restarted; the change after it seen after %d ms%n", jdk, member,
                Watched.of(result, "all=api").latency("192.0.2.32", restarted));
        assertEquals("0", result.answer("nested"));
        RecordedLookups lookups = RecordedLookups.read(recording);
        assertEquals(List.of(), lookups.notFrom("main"), "the agent never looked the member up through InetAddress");
        assertTrue(Set.of(member, "api").containsAll(lookups.names()), lookups.names().toString());
    }

    private static RunningJvm watcher(TestJvm jvm) {
        return jvm.timeout(Duration.ofSeconds(30)).start("watch:all=api");
    }

    private static void awaitEach(RunningJvm[] children, String answer) throws InterruptedException {
        for (RunningJvm child : children) {
            child.awaitLine(Watched.line("all=api", answer));
        }
    }
}
