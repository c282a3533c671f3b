package dev.resolvechain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.wire.Endpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which names go to the local client; no traffic. */
class LocalTierRoutingTest {

    private static LocalTier tier(String... domains) {
        return new LocalTier(new LocalSettings(Endpoint.parse("127.0.0.1:1"), List.of(domains)).withTimeout(Duration.ofMillis(100))
                .withOnDown(OnDown.FAIL).options());
    }

    @Test
    void aNameIsUnderADomainWhenEqualOrEndingInDotDomain() {
        LocalDomains tier = new LocalDomains(List.of("vip", ".Corp.Example."));
        assertEquals("vip", tier.domainOf("vip"));
        assertEquals("vip", tier.domainOf("svc.vip"));
        assertEquals("vip", tier.domainOf("SVC.VIP"));
        assertEquals("corp.example", tier.domainOf("web.corp.example"));
        assertNull(tier.domainOf("svcvip"));
        assertNull(tier.domainOf("vip.other"));
        assertNull(tier.domainOf("corp.example.org"));
    }

    @Test
    void starTakesEveryName() {
        assertEquals("*", new LocalDomains(List.of("*")).domainOf("anything.example"));
    }

    @Test
    void theProbeAsksANameTheClientAnswersItself() {
        assertEquals("resolvechain-probe.vip", new LocalDomains(List.of(".VIP", "corp")).probeName(LocalTier.PROBE_LABEL));
        assertEquals("resolvechain-probe.invalid", new LocalDomains(List.of("*")).probeName(LocalTier.PROBE_LABEL));
    }

    @Test
    void aNameOutsideTheDomainsFallsThroughWithoutTraffic() {
        Verdict verdict = tier("vip", "corp").resolve(Query.forward("web.example", AddressPolicy.IPV4_FIRST, Deadline.after(Duration.ofSeconds(1))));
        assertEquals(Outcome.FALLTHROUGH, verdict.outcome());
        assertEquals("not under local.domains (vip, corp)", verdict.detail());
    }

    @Test
    void onlyANameOutsideTheDomainsIsDecidedAtOnce() {
        LocalTier tier = tier("vip");
        Deadline deadline = Deadline.after(Duration.ofSeconds(1));
        assertTrue(tier.decidesAtOnce(Query.forward("web.example", AddressPolicy.IPV4_FIRST, deadline)));
        assertFalse(tier.decidesAtOnce(Query.forward("svc.vip", AddressPolicy.IPV4_FIRST, deadline)), "the client is asked: it may wait");
        assertFalse(tier("*").decidesAtOnce(Query.forward("web.example", AddressPolicy.IPV4_FIRST, deadline)));
    }
}
