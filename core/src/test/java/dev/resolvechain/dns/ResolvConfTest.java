package dev.resolvechain.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.wire.Endpoint;
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

    @Test
    void commentsStartWithHashOrSemicolonInTheFirstColumnAndAfterTheWords() {
        ResolvConf conf = parse("""
                #nameserver 10.0.0.8
                ;nameserver 10.0.0.9
                nameserver 10.0.0.1 # the office
                nameserver 10.0.0.2;lab
                search corp.example # not a domain named '#'
                """);
        assertEquals(List.of(Endpoint.parse("10.0.0.1"), Endpoint.parse("10.0.0.2")), conf.nameservers());
        assertEquals(List.of("corp.example"), conf.search());
        assertEquals(List.of(), conf.warnings());
    }

    @Test
    void anIndentedLineIsIgnoredAsGlibcIgnoresItWithAWarning() {
        ResolvConf conf = parse("nameserver 10.0.0.1\n  nameserver 10.0.0.2\n\tsearch corp\n");
        assertEquals(List.of(Endpoint.parse("10.0.0.1")), conf.nameservers());
        assertEquals(List.of(), conf.search());
        assertEquals(2, conf.invalidLines().size());
        assertEquals(2, conf.invalidLines().get(0).line());
        assertTrue(conf.warnings().get(0).startsWith("test.conf:2: 'nameserver' is indented"), conf.warnings().get(0));
    }

    @Test
    void aDuplicateNameserverIsAskedOnceButCountsTowardsTheThreeAsForGlibc() {
        ResolvConf conf = parse("nameserver 10.0.0.1\nnameserver 10.0.0.1\nnameserver 10.0.0.2\nnameserver 10.0.0.3\n");
        assertEquals(List.of(Endpoint.parse("10.0.0.1"), Endpoint.parse("10.0.0.2")), conf.nameservers());
        assertEquals(2, conf.warnings().size());
        assertTrue(conf.warnings().get(0).startsWith("test.conf:2: nameserver 10.0.0.1 is listed already"), conf.warnings().get(0));
        assertTrue(conf.warnings().get(1).startsWith("test.conf:4: nameserver 10.0.0.3 skipped: only the first 3"), conf.warnings().get(1));
        assertEquals(List.of(), conf.invalidLines(), "neither is a line that does not parse");
    }

    @Test
    void duplicateSearchDomainsAreAskedOnce() {
        assertEquals(List.of("corp.example", "example"), parse("search corp.example Corp.Example. example corp.example\n").search());
    }

    @Test
    void invalidNameserversAreSkippedAsInvalidLinesNamingFileAndLine() {
        ResolvConf conf = parse("nameserver 10.0.0.256\nnameserver 10.0.0.1:53\nnameserver [::1]\nnameserver ::1\n");
        assertEquals(List.of(Endpoint.parse("::1")), conf.nameservers());
        assertEquals(List.of(1, 2, 3), conf.invalidLines().stream().map(problem -> problem.line()).toList());
        assertEquals("test.conf", conf.invalidLines().get(0).file());
        assertEquals("nameserver '10.0.0.256' is not an IP address", conf.invalidLines().get(0).message());
    }

    @Test
    void anIpv6ZoneThatIsNoInterfaceHereIsDroppedAsGlibcDoes() {
        ResolvConf conf = parse("nameserver fe80::1%no-such-nic0\nnameserver fe80::2%2\n");
        assertEquals(2, conf.nameservers().size());
        assertEquals(0, ((Inet6Address) conf.nameservers().get(0).address()).getScopeId());
        assertEquals(2, ((Inet6Address) conf.nameservers().get(1).address()).getScopeId());
        assertTrue(conf.warnings().get(0).startsWith("test.conf:1: nameserver 'fe80::1%no-such-nic0': no interface 'no-such-nic0' here"),
                conf.warnings().get(0));
        assertEquals(List.of(), conf.invalidLines());
    }

    @Test
    void anEmptySearchOrDomainLineChangesNothingAsInGlibc() {
        assertEquals(List.of("corp"), parse("search corp\nsearch\ndomain \n").search());
    }

    @Test
    void ndotsIsKeptBetweenZeroAndFifteen() {
        assertEquals(15, parse("options ndots:16\n").ndots());
        assertEquals(0, parse("options ndots:0\n").ndots());
        assertEquals(0, parse("options ndots:-3\n").ndots());
        assertEquals(1, parse("options timeout:0 attempts:0\n").attempts(), "attempts:0 would send nothing: 1 at least");
    }

    @Test
    void optionsAccumulateOverLinesAndRotateStays() {
        ResolvConf conf = parse("options rotate\noptions ndots:2\noptions timeout:3\noptions ndots:4 attempts:1\n");
        assertTrue(conf.rotate());
        assertEquals(4, conf.ndots());
        assertEquals(Duration.ofSeconds(3), conf.timeout());
        assertEquals(1, conf.attempts());
        assertFalse(conf.noReload());
        assertTrue(parse("options edns0 no-reload\n").noReload());
    }

    @Test
    void localdomainReplacesTheFilesSearchAndDomainLinesWhereverTheyAre() {
        Map<String, String> env = Map.of("LOCALDOMAIN", "env.example");
        assertEquals(List.of("env.example"), ResolvConf.parse("domain file.example\n", "t", env).search());
        assertEquals(List.of("env.example"), ResolvConf.parse("search a b\n", "t", env).search());
        assertEquals(List.of(), ResolvConf.parse("search a b\n", "t", Map.of("LOCALDOMAIN", "")).search(), "set but empty: no search list");
    }

    @Test
    void resOptionsComeLastAndTheirBadNumbersWarnWithoutALine() {
        ResolvConf conf = ResolvConf.parse("options ndots:2 attempts:3\n", "t", Map.of("RES_OPTIONS", "ndots:x attempts:1"));
        assertEquals(2, conf.ndots());
        assertEquals(1, conf.attempts());
        assertEquals(List.of("RES_OPTIONS: option 'ndots:x' has no number; ignored"), conf.warnings());
        assertEquals(List.of(), conf.invalidLines(), "not a line of the file");
    }

    @Test
    void crlfLineEndingsAndUnknownKeywordsAreFine() {
        ResolvConf conf = parse("nameserver 10.0.0.1\r\nsortlist 10.0.0.0/255.0.0.0\r\nlookup file bind\r\nsearch corp\r\n");
        assertEquals(List.of(Endpoint.parse("10.0.0.1")), conf.nameservers());
        assertEquals(List.of("corp"), conf.search());
        assertEquals(List.of(), conf.warnings());
    }

    @Test
    void dockersGeneratedFileForACustomNetwork() {
        ResolvConf conf = parse("""
                # Generated by Docker Engine.
                # This file can be edited; Docker Engine will not make further changes once it
                # has been modified.

                nameserver 127.0.0.11
                search example.com
                options ndots:0

                # Based on host file: '/etc/resolv.conf' (internal resolver)
                # ExtServers: [host(192.168.65.7)]
                # Overrides: []
                # Option ndots from: internal
                """);
        assertEquals(List.of(Endpoint.parse("127.0.0.11")), conf.nameservers());
        assertEquals(List.of("example.com"), conf.search());
        assertEquals(0, conf.ndots());
        assertEquals(List.of(), conf.warnings());
    }

    @Test
    void systemdResolvedsStubFile() {
        ResolvConf conf = parse("""
                # This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).
                # Do not edit.
                #
                # Run "resolvectl status" to see details about the uplink DNS servers
                # currently in use.

                nameserver 127.0.0.53
                options edns0 trust-ad
                search lan
                """);
        assertEquals(List.of(HostServers.RESOLVED_STUB), conf.nameservers());
        assertEquals(List.of("lan"), conf.search());
    }

    @Test
    void anUnreadableFileIsAnErrorNotAnEmptyConfiguration(@TempDir Path dir) {
        org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class, () -> ResolvConf.parse(dir, Map.of()),
                "a directory cannot be read as a file");
    }
}
