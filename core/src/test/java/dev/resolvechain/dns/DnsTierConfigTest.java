package dev.resolvechain.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.files.WatchedFiles;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which servers and which names the dns tier would ask; no traffic. */
class DnsTierConfigTest {
    /** The local client at 127.0.0.1, asked by the local tier about the names under vip. */
    private static final LocalClientNames LOCAL = new LocalClientNames(Endpoint.parse("127.0.0.1"), List.of("vip"));

    private static DnsTier tier(String resolvConf, List<Endpoint> nameservers, List<Endpoint> fallback, LocalClientNames local) {
        return new DnsTier(ResolvConf.parse(resolvConf, "test.conf", Map.of()), nameservers, fallback, local, new DnsCache());
    }

    private static DnsTier tier(String resolvConf) {
        return tier(resolvConf, List.of(), List.of(), null);
    }

    @Test
    void aNameWithFewerDotsThanNdotsTriesTheSearchDomainsFirst() {
        DnsTier tier = tier("nameserver 10.0.0.1\nsearch corp example\noptions ndots:2\n");
        assertEquals(List.of("web.corp", "web.example", "web"), tier.candidates("web", false));
        assertEquals(List.of("a.b.corp", "a.b.example", "a.b"), tier.candidates("a.b", false));
        assertEquals(List.of("a.b.c", "a.b.c.corp", "a.b.c.example"), tier.candidates("a.b.c", false));
    }

    @Test
    void aNameWithAtLeastNdotsDotsIsTriedAsIsFirst() {
        DnsTier tier = tier("nameserver 10.0.0.1\nsearch corp example\n");
        assertEquals(List.of("a.b", "a.b.corp", "a.b.example"), tier.candidates("a.b", false));
    }

    @Test
    void anAbsoluteNameIsTriedAsIsOnly() {
        DnsTier tier = tier("nameserver 10.0.0.1\nsearch corp example\noptions ndots:5\n");
        assertEquals(List.of("web"), tier.candidates("web", true));
    }

    @Test
    void withoutSearchDomainsTheNameIsTriedAsIs() {
        assertEquals(List.of("web"), tier("nameserver 10.0.0.1\n").candidates("web", false));
    }

    @Test
    void explicitNameserversReplaceResolvConfsAndTheLocalClientStaysAHostNameserver() {
        Endpoint explicit = Endpoint.parse("10.9.9.9:5353");
        assertEquals(List.of(explicit), tier("nameserver 10.0.0.1\n", List.of(explicit), List.of(), null).servers());
        assertEquals(List.of(LOCAL.client(), Endpoint.parse("10.0.0.1")),
                tier("nameserver 127.0.0.1\nnameserver 10.0.0.1\n", List.of(), List.of(), LOCAL).servers());
    }

    @Test
    void fallbackNameserversAreUsedOnlyWhenThereIsNoOther() {
        Endpoint fallback = Endpoint.parse("10.8.8.8");
        assertEquals(List.of(Endpoint.parse("10.0.0.1")), tier("nameserver 10.0.0.1\n", List.of(), List.of(fallback), null).servers());
        assertEquals(List.of(fallback), tier("", List.of(), List.of(fallback), null).servers());
        assertEquals(List.of(LOCAL.client()), tier("nameserver 127.0.0.1\n", List.of(), List.of(fallback), LOCAL).servers(),
                "the local client is a host nameserver: the fallback is not needed");
    }

    @Test
    void withoutAnyNameserverEveryLookupFailsAndSaysWhy(@TempDir Path dir) {
        Path missing = dir.resolve("resolv.conf");
        DnsTier tier = DnsTier.create(new DnsOptions(missing, dir.resolve("no-resolved.conf"), List.of(), List.of(), null, Map.of(),
                Duration.ZERO, WatchedFiles.DEFAULT_CHECK_EVERY, 2));
        Verdict verdict = tier.resolve(Query.forward("web.corp", AddressPolicy.IPV4_FIRST, Deadline.after(Duration.ofSeconds(5))));
        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals("no host nameserver: " + missing + " lists none, nameservers is unset and fallbackNameservers is empty", verdict.detail());
    }

    @Test
    void aNameTheLocalTierAskedIsNotAskedOfTheLocalClientAgainAndSaysSo() {
        Verdict verdict = tier("nameserver 127.0.0.1\n", List.of(), List.of(), LOCAL)
                .resolve(Query.forward("web.vip", AddressPolicy.IPV4_FIRST, Deadline.after(Duration.ofSeconds(5))));
        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals("web.vip: not asked again of the local client 127.0.0.1 (the local tier asked it already), and test.conf lists no other "
                + "nameserver", verdict.detail());
    }
}
