package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** {@code InetAddress}'s lookups under the agent: aliases (owners, scopes), hosts file, localhost, failures. */
class LookupIT {
    @TempDir
    Path dir;

    /**
     * The JDK's own resolver (its hosts file) knows some of the same names with other addresses,
     * and one name the chain does not know: an answer from it means the chain was bypassed.
     */
    private ChainFiles files() {
        return new ChainFiles(dir)
                .alias("web.hosts", "# owner web", "10.9.8.7 svc-a svc-a-alt", "10.9.8.8 svc-b")
                .alias("web2.hosts", "10.9.8.9 svc-b")
                .alias("local.hosts", "127.0.0.1 svc-web")
                .alias("dual.hosts", "10.9.8.10 svc-dual", "fd00::10 svc-dual svc-v6")
                .alias("net1/db.hosts", "10.20.0.5 db")
                .alias("net2/hidden.hosts", "10.30.0.5 hidden")
                .hosts("10.1.1.1 from-hosts")
                .jdkHosts("10.66.66.66 svc-a from-hosts only-jdk");
    }

    private ScriptResult run(Jdk jdk, String... commands) {
        return TestJvm.on(jdk, files()).withAgent("aliases.scopes=net1", "log.level=warn").script(commands).succeeded();
    }

    @OnBothJdks
    void forwardLookups(Jdk jdk) {
        ScriptResult result = run(jdk, "all:svc-a", "one:SVC-A.", "all:svc-b", "all:db", "all:db.net1", "all:hidden",
                "all:hidden.net2", "all:from-hosts", "all:localhost", "all:only-jdk", "all:nope.invalid");

        assertEquals("10.9.8.7", result.answer("all:svc-a"));
        assertEquals("10.9.8.7", result.answer("one:SVC-A."), "names are case-insensitive, a trailing dot is ignored");
        assertEquals(Set.of("10.9.8.8", "10.9.8.9"), Set.of(result.answer("all:svc-b").split(",")), "both owners' addresses");
        assertEquals("10.20.0.5", result.answer("all:db"), "scope net1 is configured");
        assertEquals("10.20.0.5", result.answer("all:db.net1"));
        assertUnknown(result.failure("all:hidden"), "hidden");
        assertUnknown(result.failure("all:hidden.net2"), "hidden.net2");
        assertEquals("10.1.1.1", result.answer("all:from-hosts"), "the alias tier passes, the hosts tier answers");
        assertTrue(List.of(result.answer("all:localhost").split(",")).contains("127.0.0.1"), result::describe);
        assertUnknown(result.failure("all:only-jdk"), "only-jdk");

        String failure = result.failure("all:nope.invalid");
        assertUnknown(failure, "nope.invalid");
        String reason = failure.substring(failure.indexOf("nope.invalid: ") + "nope.invalid: ".length());
        if (reason.startsWith("dns: ")) { // a chain with a dns tier: it decides, and there is no nameserver here
            assertTrue(reason.contains(dir.resolve("resolv.conf").toString()), "names the empty resolv.conf: " + failure);
        } else { // alias and hosts only: every tier passed, each says why
            assertTrue(reason.startsWith("no tier has it; alias: not an alias") && reason.contains("hosts: not in " + dir.resolve("hosts")),
                    "the message says what each tier decided: " + failure);
        }
    }

    @OnBothJdks
    void reverseLookups(Jdk jdk) {
        ScriptResult result = run(jdk, "name:10.9.8.7", "canon:svc-a-alt", "canon:10.20.0.5", "name:10.1.1.1", "name:10.66.66.66");

        assertEquals("svc-a", result.answer("name:10.9.8.7"), "the first name of the alias line");
        assertEquals("svc-a", result.answer("canon:svc-a-alt"));
        assertEquals("db", result.answer("canon:10.20.0.5"));
        assertEquals("from-hosts", result.answer("name:10.1.1.1"));
        assertEquals("10.66.66.66", result.answer("name:10.66.66.66"), "unknown to the chain: the JDK gives the literal back");
    }

    /** The JDK's address family policy reaches the chain: with {@code preferIPv4Stack}, IPv4 only, and an IPv6-only alias fails. */
    @OnBothJdks
    void addressFamilyFollowsTheJdkPolicy(Jdk jdk) {
        ScriptResult result = TestJvm.on(jdk, files()).property("java.net.preferIPv4Stack", "true").withAgent("log.level=warn")
                .script("all:svc-dual", "all:svc-v6").succeeded();

        assertEquals("10.9.8.10", result.answer("all:svc-dual"));
        String failure = result.failure("all:svc-v6");
        assertUnknown(failure, "svc-v6");
        assertTrue(failure.contains("no address of the requested family"), failure);
    }

    /** The chain never looks a name up through {@code InetAddress} itself: the agent's count of such lookups stays 0. */
    @OnBothJdks
    void noLookupReentersTheChain(Jdk jdk) {
        ScriptResult result = run(jdk, "all:svc-a", "all:db.net1", "all:from-hosts", "all:localhost", "all:nope.invalid",
                "name:10.9.8.7", "name:10.77.0.1", "canon:svc-b", "http:svc-web", "nested");

        assertEquals("10.9.8.7", result.answer("all:svc-a"));
        assertTrue(result.answer("http:svc-web").startsWith("200 "), result::describe);
        assertEquals("0", result.answer("nested"));
    }

    /** {@code UnknownHostException} (no other type) from the chain, about {@code name}. */
    static void assertUnknown(String failure, String name) {
        assertTrue(failure.startsWith("java.net.UnknownHostException: resolvechain: " + name + ": "), failure);
    }
}
