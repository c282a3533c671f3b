package dev.resolvechain.alias.etcd;

import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static dev.resolvechain.alias.directory.AliasFiles.awaitMillis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.LogCapture;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.testkit.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The etcd alias source against one real etcd member: registrations, leases, compaction, lost connections, the snapshot. */
class EtcdAliasSourceTest {
    private static final Duration VISIBLE = Duration.ofSeconds(5);
    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.single();
    private static int prefixes;

    @TempDir
    Path dir;

    /** A prefix of its own for each test: the member is shared. */
    private static EtcdLocation freshLocation(int port) {
        return EtcdLocation.parse("etcd://127.0.0.1:" + port + "/rc" + (++prefixes) + "/aliases");
    }

    private static EtcdLocation freshLocation() {
        return freshLocation(ETCD.etcd().member(0).clientPort());
    }

    private AliasTier started(EtcdLocation location, Path snapshot, String... scopes) {
        AliasRegistry registry = new AliasRegistry();
        EtcdAliasSource source = new EtcdAliasSource(new EtcdGateway(location, EtcdAccess.NONE, EtcdGateway.MemberAddresses.LITERALS_ONLY),
                Set.of(scopes), registry, snapshot);
        return new AliasTier(registry, source, Duration.ZERO, AliasOrder.FILE).start();
    }

    private static EtcdRegistrations registrations(EtcdLocation location) {
        return new EtcdRegistrations(new EtcdGateway(location, EtcdAccess.NONE, EtcdGateway.MemberAddresses.LITERALS_ONLY));
    }

    private static void awaitAnswer(AliasTier tier, String name, List<String> expected) {
        awaitMillis(VISIBLE, () -> answer(tier, name).equals(expected), () -> name + " answers " + answer(tier, name) + ", not " + expected
                + "; problems " + tier.registry().problems());
    }

    @Test
    void whatIsRegisteredBeforeAndAfterStartIsAnsweredAndUnregisterEndsIt() throws Exception {
        EtcdLocation location = freshLocation();
        EtcdRegistrations registrations = registrations(location);
        registrations.register("web-1", null, List.of("192.0.2.1"), List.of("web"), Duration.ofSeconds(60));
        try (AliasTier tier = started(location, null, "net1")) {
            assertEquals(List.of("192.0.2.1"), answer(tier, "web"), "loaded at start");

            registrations.register("db-1", "net1", List.of("192.0.2.2", "192.0.2.3"), List.of("db"), Duration.ofSeconds(60));
            registrations.register("db-2", "net2", List.of("192.0.2.4"), List.of("other"), Duration.ofSeconds(60));
            awaitAnswer(tier, "db", List.of("192.0.2.2", "192.0.2.3"));
            assertTrue(registrations.unregister("web-1", null));
            awaitAnswer(tier, "web", List.of());
            assertEquals(List.of(), answer(tier, "other"), "scope net2 is not seen");
        }
    }

    @Test
    void anAliasMovedFromOneOwnerToAnotherEndsWithTheNewAddressOnly() throws Exception {
        EtcdLocation location = freshLocation();
        EtcdRegistrations registrations = registrations(location);
        registrations.register("api-v1", null, List.of("192.0.2.1"), List.of("api"), Duration.ofSeconds(60));
        try (AliasTier tier = started(location, null)) {
            registrations.register("api-v2", null, List.of("192.0.2.2"), List.of("api"), Duration.ofSeconds(60));
            awaitAnswer(tier, "api", List.of("192.0.2.1", "192.0.2.2"));
            registrations.unregister("api-v1", null);
            awaitAnswer(tier, "api", List.of("192.0.2.2"));
        }
    }

    @Test
    void aRegistrationWhoseLeaseIsNotRenewedExpiresAndAHeartbeatKeepsIt() throws Exception {
        EtcdLocation location = freshLocation();
        EtcdRegistrations registrations = registrations(location);
        try (AliasTier tier = started(location, null)) {
            registrations.register("kept", null, List.of("192.0.2.1"), List.of("kept"), Duration.ofSeconds(2));
            registrations.register("dead", null, List.of("192.0.2.2"), List.of("dead"), Duration.ofSeconds(2));
            awaitAnswer(tier, "dead", List.of("192.0.2.2"));
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofSeconds(4).toNanos()) {
                assertTrue(registrations.heartbeat("kept", null));
                Thread.sleep(500);
            }
            assertEquals(List.of(), answer(tier, "dead"), "expired with its lease");
            assertEquals(List.of("192.0.2.1"), answer(tier, "kept"));
            assertTrue(!registrations.heartbeat("dead", null), "no registration to renew");
        }
    }

    @Test
    void aWatcherCutOffWhileEtcdCompactedItsHistoryLoadsAgainAndKeepsAnsweringMeanwhile() throws Exception {
        try (TcpRelay relay = new TcpRelay(ETCD.etcd().member(0).clientPort())) {
            EtcdLocation viaRelay = freshLocation(relay.port());
            EtcdLocation direct = EtcdLocation.parse("etcd://127.0.0.1:" + ETCD.etcd().member(0).clientPort() + viaRelay.prefix());
            EtcdRegistrations registrations = registrations(direct);
            registrations.register("a", null, List.of("192.0.2.1"), List.of("a"), Duration.ofSeconds(60));
            registrations.register("b", null, List.of("192.0.2.2"), List.of("b"), Duration.ofSeconds(60));
            try (AliasTier tier = started(viaRelay, null)) {
                assertEquals(List.of("192.0.2.1"), answer(tier, "a"));
                relay.cut();
                registrations.unregister("a", null);
                registrations.register("b", null, List.of("192.0.2.3"), List.of("b"), Duration.ofSeconds(60));
                registrations.register("c", null, List.of("192.0.2.4"), List.of("c"), Duration.ofSeconds(60));
                ETCD.etcd().compact(ETCD.etcd().revision());
                Thread.sleep(300);
                assertEquals(List.of("192.0.2.1"), answer(tier, "a"), "the last state answers while etcd cannot be reached");
                assertTrue(tier.registry().problems().toString().contains("etcd cannot be followed"), tier.registry().problems()::toString);

                relay.mend();
                awaitAnswer(tier, "c", List.of("192.0.2.4"));
                awaitAnswer(tier, "a", List.of()); // a load applies its registrations before its removals: never an empty name meanwhile
                assertEquals(List.of("192.0.2.3"), answer(tier, "b"));
                awaitMillis(VISIBLE, () -> tier.registry().problems().isEmpty(), () -> "problems: " + tier.registry().problems()); // cleared once following again
            }
        }
    }

    @Test
    void aJvmStartingWhileEtcdCannotBeReachedAnswersFromTheSnapshotAndSaysSo() throws Exception {
        Path snapshot = dir.resolve("cache/aliases.snapshot");
        try (TcpRelay relay = new TcpRelay(ETCD.etcd().member(0).clientPort())) {
            EtcdLocation viaRelay = freshLocation(relay.port());
            EtcdLocation direct = EtcdLocation.parse("etcd://127.0.0.1:" + ETCD.etcd().member(0).clientPort() + viaRelay.prefix());
            EtcdRegistrations registrations = registrations(direct);
            registrations.register("web-1", null, List.of("192.0.2.1"), List.of("web"), Duration.ofSeconds(60));
            try (AliasTier first = started(viaRelay, snapshot)) {
                assertEquals(List.of("192.0.2.1"), answer(first, "web"));
            }
            relay.cut();
            try (AliasTier second = started(viaRelay, snapshot)) {
                assertEquals(List.of("192.0.2.1"), answer(second, "web"), "from the snapshot");
                String problems = second.registry().problems().toString();
                assertTrue(problems.contains("answering from the snapshot " + snapshot), problems);

                registrations.register("web-1", null, List.of("192.0.2.9"), List.of("web"), Duration.ofSeconds(60));
                relay.mend();
                awaitAnswer(second, "web", List.of("192.0.2.9"));
                awaitMillis(VISIBLE, () -> second.registry().problems().isEmpty(), () -> "problems: " + second.registry().problems()); // cleared once following again
            }
        }
    }

    @Test
    void anOwnerTtlIsNotForEtcdOwnersWhoseLeasesAreKeptAlive() throws Exception {
        EtcdLocation location = freshLocation();
        registrations(location).register("web-1", null, List.of("192.0.2.1"), List.of("web"), Duration.ofSeconds(60));
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty"), "");
        try (LogCapture log = LogCapture.start();
             ResolveChain chain = ChainFactory.create(ConfigLoader.load("aliases=" + location + ";aliases.ownerTtl=1s;hostsFile=" + empty
                     + ";resolvConf=" + empty + ";aliases.snapshot=" + dir.resolve("snapshot"), Map.of(), Map.of()), Map.of())) {
            assertEquals(1, log.containing("aliases.ownerTtl does not apply to an etcd source").size(), log.messages()::toString);
            Thread.sleep(1500);
            assertEquals("192.0.2.1", chain.lookup("web", AddressPolicy.IPV4_FIRST).addresses().get(0).getHostAddress(),
                    "not stale 1.5 s after its last change");
        }
    }
}
