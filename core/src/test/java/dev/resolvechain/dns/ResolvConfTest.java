package dev.resolvechain.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.config.Endpoint;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvConfTest {

    private static ResolvConf parse(String text) {
        return ResolvConf.parse(text, "test.conf", Map.of());
    }

    @Test
    void readsNameserversSearchAndOptions() {
        ResolvConf conf = parse("""
                # a comment
                ; another
                nameserver 10.0.0.1
                nameserver 10.0.0.2 # trailing comment
                search Corp.Example example.
                options ndots:3 timeout:2
                options attempts:4 rotate
                """);
        assertEquals(List.of(Endpoint.parse("10.0.0.1"), Endpoint.parse("10.0.0.2")), conf.nameservers());
        assertEquals(List.of("corp.example", "example"), conf.search());
        assertEquals(3, conf.ndots());
        assertEquals(Duration.ofSeconds(2), conf.timeout());
        assertEquals(4, conf.attempts());
        assertTrue(conf.rotate());
        assertEquals(List.of(), conf.warnings());
    }

    @Test
    void defaultsAreGlibcs() {
        ResolvConf conf = parse("nameserver 10.0.0.1\n");
        assertEquals(1, conf.ndots());
        assertEquals(Duration.ofSeconds(5), conf.timeout());
        assertEquals(2, conf.attempts());
        assertFalse(conf.rotate());
        assertEquals(List.of(), conf.search());
    }

    @Test
    void keepsTheFirstThreeNameserversAndWarnsAboutTheRest() {
        ResolvConf conf = parse("nameserver 10.0.0.1\nnameserver 10.0.0.2\nnameserver 10.0.0.3\nnameserver 10.0.0.4\n");
        assertEquals(3, conf.nameservers().size());
        assertEquals(Endpoint.parse("10.0.0.3"), conf.nameservers().get(2));
        assertEquals(1, conf.warnings().size());
        assertTrue(conf.warnings().get(0).startsWith("test.conf:4: "), conf.warnings().get(0));
    }

    @Test
    void skipsInvalidNameserversWithAWarningNamingFileAndLine() {
        ResolvConf conf = parse("nameserver dns.example\nnameserver\nnameserver 10.0.0.9\n");
        assertEquals(List.of(Endpoint.parse("10.0.0.9")), conf.nameservers());
        assertEquals(2, conf.warnings().size());
        assertTrue(conf.warnings().get(0).startsWith("test.conf:1: ") && conf.warnings().get(0).contains("dns.example"), conf.warnings().get(0));
        assertTrue(conf.warnings().get(1).startsWith("test.conf:2: "), conf.warnings().get(1));
    }

    @Test
    void acceptsIpv6NameserversWithAZone() {
        ResolvConf conf = parse("nameserver ::1\nnameserver fe80::1%1\n");
        assertEquals(2, conf.nameservers().size());
        assertEquals(1, ((Inet6Address) conf.nameservers().get(1).address()).getScopeId());
        assertEquals(Endpoint.DNS_PORT, conf.nameservers().get(0).port());
    }

    @Test
    void theLastOfSearchAndDomainWins() {
        assertEquals(List.of("b.example"), parse("search a.example c.example\ndomain b.example\n").search());
        assertEquals(List.of("a.example", "c.example"), parse("domain b.example\nsearch a.example c.example\n").search());
    }

    @Test
    void capsOptionValuesAsGlibcDoes() {
        ResolvConf conf = parse("options ndots:40 timeout:99 attempts:9\n");
        assertEquals(15, conf.ndots());
        assertEquals(Duration.ofSeconds(30), conf.timeout());
        assertEquals(5, conf.attempts());
    }

    @Test
    void laterOptionsOverrideEarlierOnesAndBadNumbersWarn() {
        ResolvConf conf = parse("options ndots:2\noptions ndots:x edns0\n");
        assertEquals(2, conf.ndots());
        assertEquals(1, conf.warnings().size());
        assertTrue(conf.warnings().get(0).startsWith("test.conf:2: "), conf.warnings().get(0));
    }

    @Test
    void environmentOverridesSearchAndAddsOptions() {
        ResolvConf conf = ResolvConf.parse("search file.example\noptions ndots:2\n", "test.conf",
                Map.of("LOCALDOMAIN", "env1.example  env2.example", "RES_OPTIONS", "ndots:4 rotate"));
        assertEquals(List.of("env1.example", "env2.example"), conf.search());
        assertEquals(4, conf.ndots());
        assertTrue(conf.rotate());
    }

    @Test
    void readsAFileAndTreatsAMissingOneAsEmpty(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("resolv.conf");
        Files.writeString(file, "nameserver 127.0.0.1\n");
        assertEquals(List.of(Endpoint.parse("127.0.0.1")), ResolvConf.parse(file, Map.of()).nameservers());

        ResolvConf missing = ResolvConf.parse(dir.resolve("absent.conf"), Map.of());
        assertEquals(List.of(), missing.nameservers());
        assertEquals(List.of(), missing.search());
        assertEquals(dir.resolve("absent.conf").toString(), missing.source());
    }
}
