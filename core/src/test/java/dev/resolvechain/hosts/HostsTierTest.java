package dev.resolvechain.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsTierTest {
    @TempDir
    Path dir;

    private static Verdict forward(HostsTier tier, String name, AddressPolicy policy) {
        return tier.resolve(Query.forward(name, policy, Deadline.after(Duration.ofSeconds(1))));
    }

    private static List<String> addresses(Verdict verdict) {
        return verdict.addresses().stream().map(InetAddress::getHostAddress).toList();
    }

    @Test
    void answersFromTheFileMergingLinesOfOneName() throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "192.0.2.1 app\nbogus line\n2001:db8::1 app\n192.0.2.1 app\n");
        HostsTier tier = HostsTier.load(file);
        Verdict verdict = forward(tier, "APP", AddressPolicy.IPV4_FIRST);
        assertEquals(Outcome.ANSWER, verdict.outcome());
        assertEquals(List.of("192.0.2.1", "2001:db8:0:0:0:0:0:1"), addresses(verdict));
        assertEquals(file + ":1,3,4", verdict.detail());
        assertEquals(List.of("192.0.2.1"), addresses(forward(tier, "app", AddressPolicy.IPV4_ONLY)));
    }

    @Test
    void missingFamilyAndUnknownNamesFallThroughToDns() throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "192.0.2.1 app\n");
        HostsTier tier = HostsTier.load(file);
        assertEquals(Outcome.FALLTHROUGH, forward(tier, "app", AddressPolicy.IPV6_ONLY).outcome());
        Verdict unknown = forward(tier, "other", AddressPolicy.IPV4_FIRST);
        assertEquals(Outcome.FALLTHROUGH, unknown.outcome());
        assertEquals("not in " + file, unknown.detail());
    }

    @Test
    void localhostResolvesEvenWhenTheFileLacksIt() {
        HostsTier tier = HostsTier.load(dir.resolve("absent"));
        assertEquals(List.of("127.0.0.1", "0:0:0:0:0:0:0:1"), addresses(forward(tier, "localhost", AddressPolicy.IPV4_FIRST)));
        assertEquals(List.of("127.0.0.1"), addresses(forward(tier, "api.localhost", AddressPolicy.IPV4_ONLY)));
        assertEquals(Outcome.FALLTHROUGH, forward(tier, "localhost.example", AddressPolicy.IPV4_FIRST).outcome());
    }

    @Test
    void reverseGivesTheFirstNameOfTheFirstLine() throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "192.0.2.1 app app.example\n192.0.2.1 other\n");
        Verdict verdict = HostsTier.load(file).resolve(Query.reverse(IpLiteral.parse("192.0.2.1").getAddress(),
                Deadline.after(Duration.ofSeconds(1))));
        assertEquals("app", verdict.hostName());
        assertTrue(verdict.detail().endsWith(":1"));
    }
}
