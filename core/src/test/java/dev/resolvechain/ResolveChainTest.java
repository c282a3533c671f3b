package dev.resolvechain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ResolveChainTest {
    private static final InetAddress A = IpLiteral.parse("192.0.2.1");

    private static Tier tier(String name, Function<Query, Verdict> behaviour) {
        return new Tier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict resolve(Query query) {
                return behaviour.apply(query);
            }
        };
    }

    @Test
    void firstAnsweringTierEndsTheLookupAndEveryStepIsRecorded() {
        List<String> asked = new ArrayList<>();
        ResolveChain chain = new ResolveChain(List.of(
                tier("alias", q -> { asked.add("alias"); return Verdict.fallthrough("not an alias"); }),
                tier("hosts", q -> { asked.add("hosts"); return Verdict.answer(List.of(A), "hosts:1"); }),
                tier("dns", q -> { asked.add("dns"); return Verdict.fail("never asked"); })), Duration.ofSeconds(1));
        Resolution resolution = chain.lookup("Web.Example.", AddressPolicy.IPV4_FIRST);
        assertEquals(List.of("alias", "hosts"), asked);
        assertTrue(resolution.resolved());
        assertEquals("hosts", resolution.answeredBy());
        assertEquals(List.of(A), resolution.addresses());
        assertEquals("web.example", resolution.name());
        assertEquals(2, resolution.steps().size());
        assertEquals(Outcome.FALLTHROUGH, resolution.steps().get(0).outcome());
        assertEquals("hosts:1", resolution.steps().get(1).detail());
    }

    private static Tier atOnce(Tier waiting, Predicate<Query> decidesAtOnce) {
        return new Tier() {
            @Override
            public String name() {
                return waiting.name();
            }

            @Override
            public Verdict resolve(Query query) {
                return waiting.resolve(query);
            }

            @Override
            public boolean decidesAtOnce(Query query) {
                return decidesAtOnce.test(query);
            }
        };
    }

    @Test
    void lookupAtOnceResolvesWhenEveryTierReachedDecidesAtOnceAndStopsBeforeOneThatMightWait() {
        List<String> asked = new ArrayList<>();
        ResolveChain chain = new ResolveChain(List.of(
                atOnce(tier("alias", q -> { asked.add("alias"); return Verdict.fallthrough("not an alias"); }), q -> true),
                atOnce(tier("local", q -> { asked.add("local"); return Verdict.fallthrough("not under local.domains"); }),
                        q -> !q.name().endsWith(".vip")),
                atOnce(tier("hosts", q -> { asked.add("hosts"); return q.name().equals("db") ? Verdict.answer(List.of(A), "hosts:1")
                        : Verdict.fallthrough("not in hosts"); }), q -> true),
                tier("dns", q -> { asked.add("dns"); return Verdict.answer(List.of(A), "dns"); })), Duration.ofSeconds(1));

        Resolution hostsLine = chain.lookupAtOnce("db", AddressPolicy.IPV4_FIRST);
        assertEquals("hosts", hostsLine.answeredBy());
        assertEquals(List.of("alias", "local", "hosts"), asked);

        asked.clear();
        assertNull(chain.lookupAtOnce("web", AddressPolicy.IPV4_FIRST), "dns might wait: the caller must go off its thread");
        assertEquals(List.of("alias", "local", "hosts"), asked);

        asked.clear();
        assertNull(chain.lookupAtOnce("db.vip", AddressPolicy.IPV4_FIRST), "the local client would be asked: it might wait");
        assertEquals(List.of("alias"), asked);
        assertEquals("dns", chain.lookup("web", AddressPolicy.IPV4_FIRST).answeredBy(), "lookup itself asks every tier");
    }

    @Test
    void aFailingTierDecidesAndTheReasonNamesIt() {
        ResolveChain chain = new ResolveChain(List.of(
                tier("alias", q -> Verdict.fail("alias 'db' has no IPv6 address")),
                tier("dns", q -> Verdict.answer(List.of(A), "must not be reached"))), Duration.ofSeconds(1));
        Resolution resolution = chain.lookup("db", AddressPolicy.IPV6_ONLY);
        assertEquals(Resolution.NONE, resolution.answeredBy());
        assertEquals("alias: alias 'db' has no IPv6 address", resolution.failureReason());
        assertEquals(1, resolution.steps().size());
    }

    @Test
    void whenEveryTierFallsThroughTheReasonListsEachTier() {
        ResolveChain chain = new ResolveChain(List.of(
                tier("alias", q -> Verdict.fallthrough("not an alias")),
                tier("hosts", q -> Verdict.fallthrough("not in /tmp/hosts"))), Duration.ofSeconds(1));
        String reason = chain.lookup("x", AddressPolicy.IPV4_FIRST).failureReason();
        assertEquals("no tier has it; alias: not an alias; hosts: not in /tmp/hosts", reason);
    }

    @Test
    void aTierThatThrowsFailsTheLookupWithoutEscaping() {
        ResolveChain chain = new ResolveChain(List.of(tier("local", q -> { throw new IllegalStateException("boom"); })),
                Duration.ofSeconds(1));
        Resolution resolution = chain.lookup("x", AddressPolicy.IPV4_FIRST);
        assertTrue(resolution.failureReason().startsWith("local: internal error"), resolution.failureReason());
        assertTrue(resolution.failureReason().contains("boom"));
    }

    @Test
    void tiersAfterTheDeadlineAreNotAsked() {
        List<String> asked = new ArrayList<>();
        ResolveChain chain = new ResolveChain(List.of(
                tier("slow", q -> {
                    asked.add("slow");
                    while (!q.deadline().expired()) {
                        Thread.onSpinWait();
                    }
                    return Verdict.fallthrough("took all the time");
                }),
                tier("dns", q -> { asked.add("dns"); return Verdict.answer(List.of(A), "late"); })), Duration.ofMillis(50));
        Resolution resolution = chain.lookup("x", AddressPolicy.IPV4_FIRST);
        assertEquals(List.of("slow"), asked);
        assertTrue(resolution.failureReason().contains("lookupTimeout (50 ms)"), resolution.failureReason());
    }

    @Test
    void reverseQueriesCarryTheArpaNameAndTheAddress() {
        List<Query> seen = new ArrayList<>();
        ResolveChain chain = new ResolveChain(List.of(tier("alias", q -> { seen.add(q); return Verdict.answerName("web", "x"); })),
                Duration.ofSeconds(1));
        Resolution resolution = chain.reverse(A.getAddress());
        assertEquals("web", resolution.hostName());
        assertTrue(seen.get(0).reverse());
        assertEquals("1.2.0.192.in-addr.arpa", seen.get(0).name());
        assertTrue(resolution.reverse());
        assertEquals(List.of(), resolution.addresses());
    }

    @Test
    void ipv6ReverseNameIsNibbles() {
        assertEquals("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                Query.reverseName(IpLiteral.parse("2001:db8::1").getAddress()));
    }

    @Test
    void policyOrdersAndFiltersFamilies() {
        List<InetAddress> mixed = List.of(IpLiteral.parse("2001:db8::1"), A, IpLiteral.parse("2001:db8::2"));
        assertEquals(List.of(A, mixed.get(0), mixed.get(2)), AddressPolicy.IPV4_FIRST.apply(mixed));
        assertEquals(List.of(mixed.get(0), mixed.get(2), A), AddressPolicy.IPV6_FIRST.apply(mixed));
        assertEquals(mixed, AddressPolicy.AS_ANSWERED.apply(mixed));
        assertEquals(List.of(A), AddressPolicy.IPV4_ONLY.apply(mixed));
        assertEquals(List.of(mixed.get(0), mixed.get(2)), AddressPolicy.IPV6_ONLY.apply(mixed));
    }

    @Test
    void aMalformedNameIsRefusedBeforeAnyTierIsAsked() {
        List<String> asked = new ArrayList<>();
        ResolveChain chain = new ResolveChain(List.of(tier("dns", q -> {
            asked.add(q.name());
            return Verdict.answer(List.of(A), "must not be reached");
        })), Duration.ofSeconds(1));
        String label64 = "a".repeat(64);
        String name254 = ("a".repeat(49) + ".").repeat(5) + "abcd";
        for (String malformed : List.of("ok.test..", ".ok.test", "ok..test", label64 + ".test", name254)) {
            Resolution resolution = chain.lookup(malformed, AddressPolicy.IPV4_FIRST);
            assertEquals(Resolution.NONE, resolution.answeredBy(), malformed);
            assertEquals(ResolveChain.CHAIN, resolution.steps().get(0).tier(), malformed);
            assertTrue(resolution.failureReason().startsWith("chain: name '"), resolution.failureReason());
            assertTrue(resolution.failureReason().endsWith(": not a host name, not looked up"), resolution.failureReason());
        }
        assertEquals(List.of(), asked, "no tier, and so no server, was asked");
        assertTrue(chain.lookup("a".repeat(63) + ".test.", AddressPolicy.IPV4_FIRST).resolved(), "63 octets is a label; one trailing dot is absolute");
        assertTrue(chain.lookup(name254.substring(1), AddressPolicy.IPV4_FIRST).resolved(), "253 octets is a name");
    }
}
