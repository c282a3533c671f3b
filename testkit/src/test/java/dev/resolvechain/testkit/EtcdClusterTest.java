package dev.resolvechain.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EtcdClusterTest {

    private static final Duration ELECTION = Duration.ofSeconds(5);

    @BeforeEach
    void requireEtcd() {
        Etcd.requireInstalled();
    }

    @Test
    void threeMembersAgreeOnOneLeader() {
        try (Etcd etcd = Etcd.cluster(3).start()) {
            int leader = etcd.leader();

            assertTrue(leader >= 0 && leader < 3, "leader " + leader);
            assertEquals(3, etcd.endpoints().split(",").length);
            assertTrue(etcd.call("/v3/cluster/member/list", "{}").contains("\"name\":\"m3\""));
            etcd.put("k", "v");
            assertEquals("v", etcd.get("k"));
        }
    }

    @Test
    void killingTheLeaderElectsAnotherAndPutsStillWork() {
        try (Etcd etcd = Etcd.cluster(3).start()) {
            etcd.put("before", "1");
            int old = etcd.leader();

            etcd.member(old).kill();
            assertFalse(etcd.member(old).isRunning());
            int elected = etcd.awaitLeader(ELECTION);

            assertNotEquals(old, elected);
            etcd.put("after", "2");
            assertEquals("1", etcd.get("before"));
            assertEquals("2", etcd.get("after"));
            etcd.member(old).restart();
            assertEquals(3, etcd.members().stream().filter(EtcdMember::isRunning).count());
        }
    }

    @Test
    void restartingEveryMemberKeepsTheData() {
        try (Etcd etcd = Etcd.cluster(3).start()) {
            long revision = etcd.put("k", "v");

            etcd.restartAll();

            etcd.awaitLeader(ELECTION);
            assertEquals("v", etcd.get("k"));
            assertEquals(revision, etcd.revision());
        }
    }
}
