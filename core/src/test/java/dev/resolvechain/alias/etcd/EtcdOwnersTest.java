package dev.resolvechain.alias.etcd;

import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.LogCapture;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasSource;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.alias.Owner;
import dev.resolvechain.files.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What etcd's keys and values mean as registrations: the same as owner files. */
class EtcdOwnersTest {
    private static final EtcdLocation LOCATION = EtcdLocation.parse("etcd://127.0.0.1:2379/rc");
    private final AliasRegistry registry = new AliasRegistry();
    private final EtcdOwners owners = new EtcdOwners(LOCATION, Set.of("net1"), registry);
    private final AliasTier tier = new AliasTier(registry, new NoSource(), Duration.ZERO, AliasOrder.FILE);

    private static EtcdOwners.Kv kv(String key, String value, long revision) {
        return new EtcdOwners.Kv("/rc/" + key, value, revision);
    }

    @Test
    void keysAreOwnersOrScopedOwnersAndValuesAreAliasFileText() {
        owners.load(List.of(kv("web-1", "192.0.2.1 web\n", 5), kv("net1/db-1", "192.0.2.2 db\n", 6), kv("net2/cache-1", "192.0.2.3 cache\n", 7)));

        assertEquals(List.of("192.0.2.1"), answer(tier, "web"));
        assertEquals(List.of("192.0.2.2"), answer(tier, "db"));
        assertEquals(List.of(), answer(tier, "cache"), "scope net2 is not this JVM's");
        List<String> labels = new ArrayList<>();
        for (Owner owner : registry.owners()) {
            labels.add(owner.label() + " at " + owner.location());
        }
        assertEquals(List.of("db-1 (scope net1) at etcd://127.0.0.1:2379/rc/net1/db-1", "web-1 at etcd://127.0.0.1:2379/rc/web-1"), labels);
    }

    @Test
    void aLoadUnregistersWhatIsNoLongerThereAndKeepsWhatIs() {
        owners.load(List.of(kv("web-1", "192.0.2.1 web\n", 5), kv("web-2", "192.0.2.2 web2\n", 6)));
        owners.load(List.of(kv("web-2", "192.0.2.2 web2\n", 6), kv("web-3", "192.0.2.3 web3\n", 9)));

        assertEquals(List.of(), answer(tier, "web"));
        assertEquals(List.of("192.0.2.2"), answer(tier, "web2"));
        assertEquals(List.of("192.0.2.3"), answer(tier, "web3"));
    }

    @Test
    void aMoveInOneResponseIsNeverEmptyAndEndsWithTheNewOwnerOnly() {
        owners.load(List.of(kv("old", "192.0.2.1 api\n", 5)));
        try (LogCapture log = LogCapture.start()) {
            owners.change(List.of(kv("new", "192.0.2.9 api\n", 6)), List.of("/rc/old"));
            assertEquals(1, log.containing("claimed by 2 owners").size(),
                    "the new owner came in while the old one still held the name (never an empty answer): " + log.messages());
        }
        assertEquals(List.of("192.0.2.9"), answer(tier, "api"));
        assertEquals(1, registry.owners().size());
    }

    @Test
    void anEventOlderThanWhatIsKnownIsIgnored() {
        owners.load(List.of(kv("web-1", "192.0.2.7 web\n", 10)));
        owners.change(List.of(kv("web-1", "192.0.2.1 web\n", 8)), List.of()); // seen again after a reconnection

        assertEquals(List.of("192.0.2.7"), answer(tier, "web"));

        owners.forgetRevisions(); // another cluster: its revisions say nothing about ours
        owners.load(List.of(kv("web-1", "192.0.2.1 web\n", 3)));
        assertEquals(List.of("192.0.2.1"), answer(tier, "web"));
    }

    @Test
    void aBadValueKeepsTheLastGoodRegistrationAndNamesTheKeyAndLine() {
        owners.load(List.of(kv("web-1", "192.0.2.1 web\n", 5)));
        owners.change(List.of(kv("web-1", "192.0.2.1 web\n10.0.0.x other\n", 6)), List.of());

        assertEquals(List.of("192.0.2.1"), answer(tier, "web"));
        assertEquals(1, registry.problems().size(), registry.problems()::toString);
        Problem problem = registry.problems().get(0);
        assertEquals("etcd://127.0.0.1:2379/rc/web-1", problem.file());
        assertEquals(2, problem.line());

        owners.change(List.of(kv("web-1", "192.0.2.1 web\n127.0.0.1 localhost\n", 7)), List.of());
        assertTrue(registry.problems().get(0).message().contains("reserved"), registry.problems()::toString);
    }

    @Test
    void keysOfOtherShapesAreProblemsOfTheSourceNotOwners() {
        owners.load(List.of(kv("net1/a/b", "192.0.2.1 x\n", 5), kv(".hidden", "192.0.2.1 y\n", 6), kv("net1/", "192.0.2.1 z\n", 7),
                kv("fine", "192.0.2.2 fine\n", 8)));

        assertEquals(List.of("192.0.2.2"), answer(tier, "fine"));
        assertEquals(List.of(), answer(tier, "x"));
        List<Problem> problems = owners.keyProblems();
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("is neither /rc/OWNER nor /rc/SCOPE/OWNER"), problems::toString);

        owners.change(List.of(), List.of("/rc/net1/a/b"));
        assertEquals(2, owners.keyProblems().size());
    }

    @Test
    void whatIsInForceIsWhatASnapshotKeeps() {
        owners.load(List.of(kv("web-1", "# comment\n192.0.2.1 web www\n", 5)));
        owners.change(List.of(kv("web-1", "garbage\n", 6)), List.of());

        assertEquals(List.of(new EtcdOwners.Kv("/rc/web-1", "192.0.2.1 web www\n", 5)), owners.inForce(), "the revision of the lines in force");
    }

    /** The registry is fed by hand here. */
    private static final class NoSource implements AliasSource {
        @Override
        public String location() {
            return LOCATION.toString();
        }

        @Override
        public void load() {
        }

        @Override
        public void start() {
        }

        @Override
        public void close() {
        }
    }
}
