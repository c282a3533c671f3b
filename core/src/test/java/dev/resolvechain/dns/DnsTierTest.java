package dev.resolvechain.dns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.CacheFigures;
import dev.resolvechain.Deadline;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Outcome;
import dev.resolvechain.Query;
import dev.resolvechain.Verdict;
import dev.resolvechain.testkit.Fault;
import dev.resolvechain.testkit.Question;
import dev.resolvechain.testkit.TestDnsServer;
import dev.resolvechain.wire.DnsCache;
import dev.resolvechain.wire.Endpoint;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dns tier against real servers on loopback. */
class DnsTierTest extends TwoServers {
    /** Short tries, so that tests of silent servers stay short. */
    private static final String FAST = "options timeout:1 attempts:1\n";

    static Endpoint endpoint(TestDnsServer server) {
        return Endpoint.parse(server.endpoint());
    }

    static Query forward(String name, AddressPolicy policy) {
        return Query.forward(name, policy, Deadline.after(Duration.ofSeconds(10)));
    }

    static InetAddress ip(String literal) {
        return IpLiteral.parse(literal);
    }

    private static List<String> names(TestDnsServer server) {
        return server.queries().stream().map(Question::name).distinct().toList();
    }

    @Test
    void answersBothFamiliesInThePolicysOrder() {
        server.a("web.corp", 60, "10.0.0.1").aaaa("web.corp", 60, "fd00::1");

        Verdict v6First = tier("", server).resolve(forward("web.corp", AddressPolicy.IPV6_FIRST));
        assertEquals(Outcome.ANSWER, v6First.outcome());
        assertEquals(List.of(ip("fd00::1"), ip("10.0.0.1")), v6First.addresses());
        assertEquals("A,AAAA for web.corp from " + server.endpoint() + " (ttl 60 s)", v6First.detail());

        Verdict v4First = tier("", server).resolve(forward("web.corp", AddressPolicy.IPV4_FIRST));
        assertEquals(List.of(ip("10.0.0.1"), ip("fd00::1")), v4First.addresses());
    }

    @Test
    void countsTheCachesHitsAndMissesOnePerQuestion() {
        server.a("web.corp", 60, "10.0.0.1").aaaa("web.corp", 60, "fd00::1");
        DnsTier tier = tier("", server);
        assertEquals(new CacheFigures(0, 0, 0), tier.cacheFigures());
        assertEquals(0.0, tier.cacheFigures().hitRatio());

        tier.resolve(forward("web.corp", AddressPolicy.IPV4_FIRST));
        assertEquals(new CacheFigures(2, 0, 2), tier.cacheFigures(), "A and AAAA: two questions, both sent to the server");
        tier.resolve(forward("web.corp", AddressPolicy.IPV4_FIRST));
        tier.resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));
        assertEquals(new CacheFigures(2, 3, 2), tier.cacheFigures());
        assertEquals(0.6, tier.cacheFigures().hitRatio());
        assertEquals(List.of(), tier.problems(), "a server that answers is no problem");

        tier.flushCache();
        assertEquals(0, tier.cacheFigures().entries());
    }

    @Test
    void decidesAtOnceOnlyWhenTheCacheHoldsEveryAnswerThatDecides() {
        server.a("web.corp", 60, "10.0.0.1").a("db", 60, "10.0.0.2").soa("corp", 60);
        DnsTier tier = tier("search corp\n", server);
        Query web = forward("web", AddressPolicy.IPV4_ONLY);
        Query db = forward("db", AddressPolicy.IPV4_ONLY);

        assertFalse(tier.decidesAtOnce(web), "nothing cached: the server must be asked");
        tier.resolve(web);
        assertTrue(tier.decidesAtOnce(web), "web.corp, the first candidate, is cached with data");
        assertFalse(tier.decidesAtOnce(forward("web", AddressPolicy.IPV4_FIRST)), "its AAAA is not cached");

        assertFalse(tier.decidesAtOnce(db), "db.corp is not cached");
        assertEquals(List.of(ip("10.0.0.2")), tier.resolve(db).addresses());
        assertTrue(tier.decidesAtOnce(db), "db.corp NXDOMAIN and db, both cached");
        int asked = server.queryCount();
        tier.resolve(db);
        assertEquals(asked, server.queryCount(), "decided at once: no query");
    }

    @Test
    void withoutANameserverTheTierDecidesAtOnce() {
        DnsTier tier = new DnsTier(ResolvConf.parse("", "test.conf", Map.of()), List.of(), List.of(), null, new DnsCache());
        assertTrue(tier.decidesAtOnce(forward("web", AddressPolicy.IPV4_ONLY)));
        tier.close();
    }

    @Test
    void asksOnlyForTheFamilyThePolicyWants() {
        server.a("web.corp", 60, "10.0.0.1").aaaa("web.corp", 60, "fd00::1");

        Verdict verdict = tier("", server).resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertEquals(List.of("A"), server.queries().stream().map(Question::type).toList());
    }

    @Test
    void sendsBothQuestionsOfALookupFromOneSocket() {
        server.a("web.corp", 60, "10.0.0.1").aaaa("web.corp", 60, "fd00::1");

        tier("", server).resolve(forward("web.corp", AddressPolicy.IPV4_FIRST));

        List<Question> queries = server.queries();
        assertEquals(2, queries.size());
        assertEquals(queries.get(0).sourcePort(), queries.get(1).sourcePort());
        assertEquals("udp", queries.get(0).transport());
    }

    @Test
    void aServerOnLoopbackIsAskedAgainOnTheSocketOfTheLastCleanExchange() {
        server.a("one.corp", 60, "10.0.0.1").a("two.corp", 60, "10.0.0.2").a("three.corp", 60, "10.0.0.3");
        DnsTier tier = tier(FAST, server);

        tier.resolve(forward("one.corp", AddressPolicy.IPV4_ONLY));
        tier.resolve(forward("two.corp", AddressPolicy.IPV4_ONLY));
        server.fault("three.corp", Fault.drop());
        Verdict timedOut = tier.resolve(forward("three.corp", AddressPolicy.IPV4_ONLY));
        server.fault("three.corp", Fault.none());
        tier.resolve(forward("three.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(Outcome.FAIL, timedOut.outcome(), timedOut.detail());
        List<Question> queries = server.queries();
        int one = queries.get(0).sourcePort();
        assertEquals(one, queries.get(1).sourcePort(), "kept after a clean exchange: " + queries);
        List<Question> three = queries.subList(2, queries.size());
        assertTrue(three.size() >= 3, "the silent question, sent again while the lookup had time, then asked once more: " + queries);
        for (Question resent : three.subList(0, three.size() - 1)) {
            assertEquals(one, resent.sourcePort(), "the kept socket asks again, every time: " + queries);
        }
        assertNotEquals(one, three.get(three.size() - 1).sourcePort(),
                "not kept after a timeout, whose late answer could meet the next exchange: " + queries);
    }

    @Test
    void aShortNameTriesTheSearchDomainsFirst() {
        server.a("web.example", 60, "10.0.0.2");

        Verdict verdict = tier("search corp example\noptions ndots:2\n", server).resolve(forward("web", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.2")), verdict.addresses());
        assertEquals(List.of("web.corp", "web.example"), names(server));
    }

    @Test
    void aNameWithNdotsDotsIsTriedAsIsFirst() {
        server.a("a.b", 60, "10.0.0.3").a("a.b.corp", 60, "10.9.9.9");

        Verdict verdict = tier("search corp\noptions ndots:1\n", server).resolve(forward("a.b", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.3")), verdict.addresses());
        assertEquals(List.of("a.b"), names(server));
    }

    @Test
    void anAbsoluteNameIgnoresTheSearchList() {
        server.a("web.corp", 60, "10.0.0.1");

        Verdict verdict = tier("search corp\n", server).resolve(forward("web.", AddressPolicy.IPV4_ONLY));

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals(List.of("web"), names(server));
        assertEquals("NXDOMAIN for web (from " + server.endpoint() + ")", verdict.detail());
    }

    @Test
    void nxdomainAndNodataMoveToTheNextCandidateAndAreReportedTogether() {
        server.aaaa("web.corp", 60, "fd00::1");

        Verdict verdict = tier("search corp example\n", server).resolve(forward("web", AddressPolicy.IPV4_ONLY));

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals(List.of("web.corp", "web.example", "web"), names(server));
        assertEquals("NODATA for web.corp; NXDOMAIN for web.example, web (from " + server.endpoint() + ")", verdict.detail());
    }

    @Test
    void followsACnameChain() {
        server.cname("www.corp", 300, "lb.corp").cname("lb.corp", 120, "pool.corp").a("pool.corp", 30, "10.0.0.7");

        Verdict verdict = tier("", server).resolve(forward("www.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.7")), verdict.addresses());
        assertTrue(verdict.detail().endsWith("(ttl 30 s)"), verdict.detail());
    }

    @Test
    void servfailRefusedAndSilenceMoveToTheNextServer() {
        other.a("web.corp", 60, "10.0.0.1");
        for (Fault fault : List.of(Fault.servfail(), Fault.refused(), Fault.drop())) {
            server.fault(fault);
            other.clearQueries();

            Verdict verdict = tier(FAST, server, other).resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

            assertEquals(List.of(ip("10.0.0.1")), verdict.addresses(), fault.toString());
            assertTrue(verdict.detail().contains("from " + other.endpoint()), verdict.detail());
            assertEquals(1, other.queryCount(), fault.toString());
        }
    }

    @Test
    void whenEveryServerFailsTheLookupFailsWithEachServersError() {
        server.fault(Fault.servfail());
        other.fault(Fault.refused());

        Verdict verdict = tier(FAST, server, other).resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals("no answer for web.corp: " + server.endpoint() + " SERVFAIL; " + other.endpoint() + " REFUSED", verdict.detail());
    }

    @Test
    void servfailGoesOnWithTheNextNameAsGlibcDoes() {
        server.fault("web.corp", Fault.servfail());
        server.a("web.example", 60, "10.0.0.2");

        Verdict verdict = tier("search corp example\n" + FAST, server).resolve(forward("web", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.2")), verdict.addresses());
        assertEquals(List.of("web.corp", "web.example"), names(server));
    }

    @Test
    void anyOtherFailureSkipsTheRemainingSearchDomainsButTheNameIsStillTriedAsIs() {
        server.fault("web.corp", Fault.drop());
        server.a("web.example", 60, "10.0.0.2").a("web", 60, "10.0.0.3");

        Verdict verdict = tier("search corp example\n" + FAST, server).resolve(forward("web", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.3")), verdict.addresses(), "glibc's res_search: a timeout ends the search list, not the lookup");
        assertEquals(List.of("web.corp", "web"), names(server));
    }

    @Test
    void whenEveryNameFailsTheFailuresAndWhatWasNotFoundAreReported() {
        server.fault("web.corp", Fault.servfail()).fault("web", Fault.refused()).soa("example", 60);

        Verdict verdict = tier("search corp example\n" + FAST, server).resolve(forward("web", AddressPolicy.IPV4_ONLY));

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals("no answer for web.corp: " + server.endpoint() + " SERVFAIL; no answer for web: " + server.endpoint() + " REFUSED"
                + " (and NXDOMAIN for web.example (from " + server.endpoint() + "))", verdict.detail());
    }

    @Test
    void noServerReachableEndsTheLookupAtOnce() {
        server.stop();

        Verdict verdict = tier("search corp example\noptions timeout:30\n", server).resolve(forward("web", AddressPolicy.IPV4_ONLY));

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals("no answer for web.corp: " + server.endpoint() + " port unreachable (no DNS server listens there)", verdict.detail());
    }

    @Test
    void aFailedNameAsIsFirstStillGoesOnWithTheSearchList() {
        server.fault("a.b", Fault.drop());
        server.a("a.b.corp", 60, "10.0.0.4");

        Verdict verdict = tier("search corp\n" + FAST, server).resolve(forward("a.b", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.4")), verdict.addresses());
        assertEquals(List.of("a.b", "a.b.corp"), names(server));
    }

    @Test
    void triesEachServerAgainOnTheNextAttempt() {
        server.faultFirst(1, Fault.servfail());
        server.a("web.corp", 60, "10.0.0.1");

        Verdict verdict = tier("options attempts:2\n", server).resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertEquals(2, server.queryCount());
    }

    @Test
    void aTruncatedAnswerIsAskedAgainOverTcp() {
        server.a("web.corp", 60, "10.0.0.1").fault(Fault.truncate());

        Verdict verdict = tier("", server).resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertEquals(List.of("udp", "tcp"), server.queries().stream().map(Question::transport).toList());
    }

    @Test
    void aLargeAnswerComesOverTcp() {
        String[] many = new String[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = "10.0." + i / 256 + "." + i % 256;
        }
        server.a("big.corp", 60, many);

        Verdict verdict = tier("", server).resolve(forward("big.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(100, verdict.addresses().size());
        assertTrue(server.queries().stream().anyMatch(q -> q.transport().equals("tcp")));
    }

    @Test
    void invalidResponsesAreIgnoredUntilTheTimeout() {
        server.a("web.corp", 60, "10.0.0.1");
        for (Fault fault : List.of(Fault.garbage(), Fault.wrongId(), Fault.wrongQuestion())) {
            server.fault(fault);

            Verdict verdict = tier(FAST, server).resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

            assertEquals(Outcome.FAIL, verdict.outcome(), fault.toString());
            assertTrue(verdict.detail().matches(".*" + server.endpoint() + " timed out after \\d+ ms \\(\\d queries\\) \\(ignored .*"), verdict.detail());
        }
    }

    @Test
    void aValidAnswerAfterAnIgnoredOneIsTaken() {
        server.a("web.corp", 60, "10.0.0.1").faultFirst(1, Fault.wrongId());

        Verdict verdict = tier("options timeout:1 attempts:2\n", server).resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertEquals(2, server.queryCount(), "the answer under a wrong id was not taken");
    }

    @Test
    void aBlackHoleEndsAtTheDeadline() {
        server.fault(Fault.drop());
        DnsTier tier = tier("options timeout:30 attempts:5\n", server);
        long start = System.nanoTime();

        Verdict verdict = tier.resolve(Query.forward("web.corp", AddressPolicy.IPV4_FIRST, Deadline.after(Duration.ofMillis(300))));

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Outcome.FAIL, verdict.outcome());
        assertTrue(millis < 10_000, "ended after " + millis + " ms, long past the 300 ms deadline (tries alone would take 150 s)");
    }

    @Test
    void aStoppedServerIsPassedAtOnce() {
        server.stop();
        other.a("web.corp", 60, "10.0.0.1");

        Verdict verdict = tier("options timeout:30\n", server, other).resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses(), "within the 10 s deadline though the try timeout is 30 s");
    }

    @Test
    void theLocalClientIsNotAskedAgainTheNamesTheLocalTierAskedIt() {
        other.a("web.corp", 60, "10.0.0.1");
        DnsTier tier = new DnsTier(ResolvConf.parse("", "test.conf", Map.of()),
                List.of(endpoint(server), endpoint(other)), List.of(), new LocalClientNames(endpoint(server), List.of("corp")), new DnsCache());

        Verdict verdict = tier.resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(List.of(ip("10.0.0.1")), verdict.addresses());
        assertEquals(0, server.queryCount());
    }

    @Test
    void anyOtherNameIsAskedOfTheLocalClientAsOfAnyNameserver() {
        server.a("web.example", 60, "10.0.0.2");
        DnsTier tier = new DnsTier(ResolvConf.parse("search example\n", "test.conf", Map.of()),
                List.of(endpoint(server)), List.of(), new LocalClientNames(endpoint(server), List.of("vip")), new DnsCache());

        assertEquals(List.of(ip("10.0.0.2")), tier.resolve(forward("web.example", AddressPolicy.IPV4_ONLY)).addresses(), "another domain");
        assertEquals(List.of(ip("10.0.0.2")), tier.resolve(forward("web", AddressPolicy.IPV4_ONLY)).addresses(),
                "a search-list expansion, which the local tier never asked");
    }

    @Test
    void withOnlyTheLocalClientAsNameserverNothingIsSentForItsNames() {
        DnsTier tier = new DnsTier(ResolvConf.parse("", "test.conf", Map.of()),
                List.of(endpoint(server)), List.of(), new LocalClientNames(endpoint(server), List.of("*")), new DnsCache());

        Verdict verdict = tier.resolve(forward("web.corp", AddressPolicy.IPV4_FIRST));

        assertEquals(Outcome.FAIL, verdict.outcome());
        assertEquals(0, server.queryCount());
    }

    @Test
    void fallbackNameserversAreAskedWhenThereIsNoOther() {
        server.a("web.corp", 60, "10.0.0.1");
        DnsTier tier = new DnsTier(ResolvConf.parse("", "test.conf", Map.of()), List.of(), List.of(endpoint(server)), null, new DnsCache());

        assertEquals(List.of(ip("10.0.0.1")), tier.resolve(forward("web.corp", AddressPolicy.IPV4_ONLY)).addresses());
    }

    @Test
    void aCachedAnswerIsNotAskedAgain() {
        server.a("web.corp", 60, "10.0.0.1").aaaa("web.corp", 60, "fd00::1");
        DnsTier tier = tier("", server);
        tier.resolve(forward("web.corp", AddressPolicy.IPV4_FIRST));

        Verdict again = tier.resolve(forward("web.corp", AddressPolicy.IPV4_FIRST));

        assertEquals(List.of(ip("10.0.0.1"), ip("fd00::1")), again.addresses());
        assertEquals(2, server.queryCount());
        assertTrue(again.detail().matches("A,AAAA for web\\.corp from .* \\(cached, \\d+ s left\\)"), again.detail());
    }

    @Test
    void aCachedFamilyIsNotAskedAgainWhenTheOtherIsAsked() {
        server.a("web.corp", 60, "10.0.0.1").aaaa("web.corp", 60, "fd00::1");
        DnsTier tier = tier("", server);
        tier.resolve(forward("web.corp", AddressPolicy.IPV4_ONLY));

        Verdict both = tier.resolve(forward("web.corp", AddressPolicy.IPV4_FIRST));

        assertEquals(List.of(ip("10.0.0.1"), ip("fd00::1")), both.addresses());
        assertEquals(List.of("A", "AAAA"), server.queries().stream().map(Question::type).toList());
    }

    @Test
    void negativeAnswersAreCachedBySoa() {
        server.soa("corp", 30);
        DnsTier tier = tier("", server);
        tier.resolve(forward("missing.corp", AddressPolicy.IPV4_ONLY));

        Verdict again = tier.resolve(forward("missing.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(Outcome.FAIL, again.outcome());
        assertEquals(1, server.queryCount());
        assertTrue(again.detail().startsWith("NXDOMAIN for missing.corp (cached, "), again.detail());
    }

    @Test
    void failuresAreNotCached() {
        server.a("web.corp", 60, "10.0.0.1").faultFirst(1, Fault.servfail());
        DnsTier tier = tier(FAST, server);
        assertEquals(Outcome.FAIL, tier.resolve(forward("web.corp", AddressPolicy.IPV4_ONLY)).outcome());

        assertEquals(List.of(ip("10.0.0.1")), tier.resolve(forward("web.corp", AddressPolicy.IPV4_ONLY)).addresses());
    }

    @Test
    void rotateSpreadsLookupsOverTheServers() {
        server.a("one.corp", 60, "10.0.0.1").a("two.corp", 60, "10.0.0.2");
        other.a("one.corp", 60, "10.0.0.1").a("two.corp", 60, "10.0.0.2");
        DnsTier tier = tier("options rotate\n", server, other);

        tier.resolve(forward("one.corp", AddressPolicy.IPV4_ONLY));
        tier.resolve(forward("two.corp", AddressPolicy.IPV4_ONLY));

        assertEquals(1, server.queryCount());
        assertEquals(1, other.queryCount());
    }

    @Test
    void reverseLookupsAskForThePtr() {
        server.ptr("1.0.0.10.in-addr.arpa", 60, "web.corp");

        Verdict verdict = tier("search corp\n", server).resolve(Query.reverse(new byte[] {10, 0, 0, 1}, Deadline.after(Duration.ofSeconds(10))));

        assertEquals(Outcome.ANSWER, verdict.outcome());
        assertEquals("web.corp", verdict.hostName());
        assertEquals(List.of(new Question("1.0.0.10.in-addr.arpa", "PTR", "udp", server.queries().get(0).sourcePort())), server.queries());
    }
}
