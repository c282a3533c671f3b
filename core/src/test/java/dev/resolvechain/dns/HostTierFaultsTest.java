package dev.resolvechain.dns;

import static dev.resolvechain.dns.DnsTierTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.Question;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One deadline for a lookup, TCP included; only what was asked is taken; lost datagrams are asked again. */
class HostTierFaultsTest extends TwoServers {

    @Test
    void aServerTricklingItsTcpAnswerCannotHoldALookupPastItsDeadline() {
        server.a("web.test", 60, "192.0.2.10").fault(Fault.trickle(Duration.ofMillis(100)));
        DnsTier tier = tier("", server);
        long start = System.nanoTime();

        Verdict verdict = tier.resolve(Query.forward("web.test", AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofMillis(1500))));

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Outcome.FAIL, verdict.outcome(), verdict.detail());
        assertTrue(verdict.detail().contains("truncated over UDP, and no valid answer over TCP"), verdict.detail());
        assertTrue(millis < 1500 + 1000, "a byte every 100 ms keeps each read short; the lookup still ends by its deadline: " + millis + " ms");
    }

    @Test
    void anAnswerTooLargeForTheReceiveBufferIsAskedAgainOverTcp() {
        server.a("web.test", 60, "192.0.2.10").fault(Fault.oversized());

        Verdict verdict = tier("", server).resolve(DnsTierTest.forward("web.test", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("192.0.2.10")), verdict.addresses(), verdict.detail());
        assertEquals(List.of("udp", "tcp"), server.queries().stream().map(Question::transport).toList());
    }

    @Test
    void recordsOfAnotherClassAreNeverTakenAsAddresses() {
        server.a("web.test", 60, "192.0.2.10").fault(Fault.otherClass());
        DnsTier tier = tier("", server);

        assertEquals(Outcome.FAIL, tier.resolve(DnsTierTest.forward("web.test", AddressPolicy.IPV4_ONLY)).outcome(),
                "CHAOS-class A records only: no address");

        server.a("other.test", 60, "192.0.2.11").fault(Fault.otherClassBesideAnswer());
        Verdict beside = tier.resolve(DnsTierTest.forward("other.test", AddressPolicy.IPV4_ONLY));
        assertEquals(List.of(ip("192.0.2.11")), beside.addresses(), "the IN record, not the CHAOS one beside it: " + beside.detail());
    }

    @Test
    void withThirtyPercentOfDatagramsLostLookupsStillSucceed() {
        // each query and each answer lost with 30 %: a try gets through with 49 %; the retries within the deadline make up for it
        server.fault(Fault.loss(0.3));
        other.fault(Fault.loss(0.3));
        for (int i = 0; i < 60; i++) {
            server.a("n" + i + ".test", 0, "192.0.2." + i);
            other.a("n" + i + ".test", 0, "192.0.2." + i);
        }
        DnsTier tier = tier("", server, other);
        int answered = 0;
        for (int i = 0; i < 60; i++) {
            Verdict verdict = tier.resolve(Query.forward("n" + i + ".test", AddressPolicy.IPV4_ONLY, Deadline.after(Duration.ofSeconds(3))));
            answered += verdict.outcome() == Outcome.ANSWER ? 1 : 0;
        }
        assertTrue(answered >= 59, answered + " of 60 answered");
    }
}
