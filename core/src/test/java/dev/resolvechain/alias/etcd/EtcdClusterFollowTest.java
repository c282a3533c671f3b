package dev.resolvechain.alias.etcd;

import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static dev.resolvechain.alias.directory.AliasFiles.awaitMillis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.testkit.Etcd;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The etcd alias source against a real three-member cluster: leaders killed, members killed, the whole cluster restarted. */
class EtcdClusterFollowTest {
    private static final Duration VISIBLE = Duration.ofSeconds(15);
    private Etcd etcd;
    private EtcdLocation location;
    private EtcdRegistrations registrations;

    @BeforeEach
    void startCluster() {
        Etcd.requireInstalled();
        etcd = Etcd.cluster(3).start();
        location = EtcdLocation.parse(etcd.location("/rc/aliases"));
        registrations = new EtcdRegistrations(new EtcdGateway(location, EtcdAccess.NONE, EtcdGateway.MemberAddresses.LITERALS_ONLY));
    }

    @AfterEach
    void stopCluster() {
        if (etcd != null) {
            etcd.close();
        }
    }

    private AliasTier started() {
        AliasRegistry registry = new AliasRegistry();
        EtcdAliasSource source = new EtcdAliasSource(new EtcdGateway(location, EtcdAccess.NONE, EtcdGateway.MemberAddresses.LITERALS_ONLY),
                Set.of(), registry, null);
        return new AliasTier(registry, source, Duration.ZERO, AliasOrder.FILE).start();
    }

    private static void awaitAnswer(AliasTier tier, String name, List<String> expected) {
        awaitMillis(VISIBLE, () -> answer(tier, name).equals(expected), () -> name + " answers " + answer(tier, name) + ", not " + expected
                + "; problems " + tier.registry().problems());
    }

    /** Registers {@code owner} with {@code address} for {@code name}, through whichever member answers (the registrations retry members too). */
    private void register(String owner, String address, String name) throws EtcdException {
        registrations.register(owner, null, List.of(address), List.of(name), Duration.ofSeconds(60));
    }

    @Test
    void changesMadeWhileTheLeaderIsKilledAreAllSeen() throws Exception {
        try (AliasTier tier = started()) {
            for (int i = 0; i < 20; i++) {
                if (i == 5) {
                    etcd.member(etcd.leader()).kill();
                }
                register("owner-" + i, "192.0.2." + (i + 1), "name-" + i);
            }
            etcd.awaitLeader(Duration.ofSeconds(10));
            for (int i = 0; i < 20; i++) {
                awaitAnswer(tier, "name-" + i, List.of("192.0.2." + (i + 1)));
            }
        }
    }

    @Test
    void quorumLostKeepsTheLastStateAnsweringAndItIsFollowedAgainWhenMembersReturn() throws Exception {
        register("web-1", "192.0.2.1", "web");
        try (AliasTier tier = started()) {
            assertEquals(List.of("192.0.2.1"), answer(tier, "web"));
            etcd.member(0).kill();
            etcd.member(1).kill();
            Thread.sleep(1500); // the member left ends its watches once it knows it has no leader
            assertEquals(List.of("192.0.2.1"), answer(tier, "web"), "answers from its last state");
            etcd.member(0).restart();
            etcd.member(1).restart();
            etcd.awaitLeader(Duration.ofSeconds(10));
            register("web-1", "192.0.2.9", "web");
            awaitAnswer(tier, "web", List.of("192.0.2.9"));
        }
    }

    @Test
    void aWatchWhoseMemberIsKilledMovesToAnotherAndMissesNothing() throws Exception {
        try (AliasTier tier = started()) {
            register("a", "192.0.2.1", "a");
            awaitAnswer(tier, "a", List.of("192.0.2.1"));
            for (int member = 0; member < 3; member++) {
                etcd.member(member).kill(); // the watched member is one of them: each kill leaves a quorum
                register("a", "192.0.2." + (10 + member), "a");
                awaitAnswer(tier, "a", List.of("192.0.2." + (10 + member)));
                etcd.member(member).restart();
                etcd.awaitLeader(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void theWholeClusterRestartedIsFollowedAgain() throws Exception {
        register("web-1", "192.0.2.1", "web");
        try (AliasTier tier = started()) {
            assertEquals(List.of("192.0.2.1"), answer(tier, "web"));
            etcd.restartAll();
            etcd.awaitLeader(Duration.ofSeconds(10));
            assertEquals(List.of("192.0.2.1"), answer(tier, "web"), "the last state answers meanwhile");
            register("web-1", "192.0.2.2", "web");
            register("db-1", "192.0.2.3", "db");
            awaitAnswer(tier, "web", List.of("192.0.2.2"));
            awaitAnswer(tier, "db", List.of("192.0.2.3"));
            awaitMillis(VISIBLE, () -> tier.registry().problems().isEmpty(), () -> "problems: " + tier.registry().problems()); // cleared once following again
        }
    }
}
