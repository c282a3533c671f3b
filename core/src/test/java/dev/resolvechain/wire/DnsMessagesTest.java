package dev.resolvechain.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.resolvechain.AddressPolicy;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** How a response is read: the CNAME chain, TTLs, negative TTLs. The exchange itself is in DnsTierTest. */
class DnsMessagesTest {
    private static final Endpoint SERVER = Endpoint.parse("127.0.0.1:5353");

    private static Name name(String text) {
        return Name.fromConstantString(text + ".");
    }

    private static ARecord a(String owner, long ttl, int last) {
        return new ARecord(name(owner), DClass.IN, ttl, new byte[] {10, 0, 0, (byte) last});
    }

    private static CNAMERecord cname(String owner, long ttl, String target) {
        return new CNAMERecord(name(owner), DClass.IN, ttl, name(target));
    }

    private static DnsName asked(String text) {
        return DnsName.of(text);
    }

    /** The response dnsjava builds, as the chain reads it from the wire. */
    private static DnsResponse response(int rcode, Record... answers) {
        Message message = new Message(1);
        message.getHeader().setRcode(rcode);
        for (Record record : answers) {
            message.addRecord(record, record instanceof SOARecord ? Section.AUTHORITY : Section.ANSWER);
        }
        return DnsMessages.parse(ByteBuffer.wrap(message.toWire()));
    }

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void followsTheCnameChainAndTakesTheSmallestTtl() throws Exception {
        DnsResponse response = response(Rcode.NOERROR,
                cname("web.corp", 300, "lb.corp"), cname("lb.corp", 30, "pool.corp"),
                a("pool.corp", 60, 1), a("pool.corp", 90, 2), a("other.corp", 5, 9));
        DnsAnswer answer = DnsMessages.answerOf(response, asked("web.corp"), Type.A, SERVER, 70);
        assertEquals(DnsAnswer.Status.DATA, answer.status());
        assertEquals(List.of(ip(1), ip(2)), answer.addresses());
        assertEquals("/10.0.0.1", answer.addresses().get(0).toString(), "no host name attached");
        assertEquals(30, answer.ttl());
        assertEquals(SERVER, answer.server());
    }

    @Test
    void aChainWithoutAddressesAtItsEndIsNoData() {
        DnsResponse response = response(Rcode.NOERROR, cname("web.corp", 300, "lb.corp"), a("unrelated.corp", 60, 1));
        assertEquals(DnsAnswer.Status.NODATA, DnsMessages.answerOf(response, asked("web.corp"), Type.A, SERVER, 0).status());
    }

    @Test
    void aCnameLoopEnds() {
        DnsResponse response = response(Rcode.NOERROR, cname("a.corp", 60, "b.corp"), cname("b.corp", 60, "a.corp"));
        assertEquals(DnsAnswer.Status.NODATA, DnsMessages.answerOf(response, asked("a.corp"), Type.A, SERVER, 0).status());
    }

    @Test
    void negativeTtlIsTheSmallerOfSoaTtlAndMinimum() {
        SOARecord soa = new SOARecord(name("corp"), DClass.IN, 600, name("ns.corp"), name("admin.corp"), 1, 3600, 600, 86400, 45);
        DnsAnswer nxdomain = DnsMessages.answerOf(response(Rcode.NXDOMAIN, soa), asked("x.corp"), Type.A, SERVER, 0);
        assertEquals(DnsAnswer.Status.NXDOMAIN, nxdomain.status());
        assertEquals(45, nxdomain.ttl());
        DnsAnswer nodata = DnsMessages.answerOf(response(Rcode.NOERROR), asked("x.corp"), Type.A, SERVER, 0);
        assertEquals(DnsAnswer.Status.NODATA, nodata.status());
        assertEquals(DnsAnswer.NO_SOA, nodata.ttl());
    }

    @Test
    void readsThePtrTargetWithoutTheTrailingDot() {
        DnsResponse response = response(Rcode.NOERROR, new PTRRecord(name("1.0.0.10.in-addr.arpa"), DClass.IN, 120, name("web.corp")));
        DnsAnswer answer = DnsMessages.answerOf(response, asked("1.0.0.10.in-addr.arpa"), Type.PTR, SERVER, 0);
        assertEquals("web.corp", answer.hostName());
        assertEquals(120, answer.ttl());
    }

    @Test
    void theWarmUpRunsALookupThroughTheExchangeAgainstALoopbackServerOfItsOwn() throws Exception {
        DnsAnswers answers = DnsWarmUp.warmUp();
        assertEquals(List.of(InetAddress.getByAddress(new byte[4])), answers.addresses(AddressPolicy.IPV4_ONLY), answers.describeData());
    }

    @Test
    void recordsOfAnotherClassThanTheOneAskedAreNoAnswer() throws Exception {
        Record chaos = new ARecord(name("web.corp"), DClass.CH, 60, new byte[] {10, 0, 0, 66});
        assertEquals(DnsAnswer.Status.NODATA, DnsMessages.answerOf(response(Rcode.NOERROR, chaos), asked("web.corp"), Type.A, SERVER, 0).status(),
                "a CHAOS-class A record is not an address");
        DnsAnswer mixed = DnsMessages.answerOf(response(Rcode.NOERROR, chaos, a("web.corp", 60, 1)), asked("web.corp"), Type.A, SERVER, 0);
        assertEquals(List.of(ip(1)), mixed.addresses(), "only the IN record is taken");
    }

    @Test
    void aMessageOfAnotherOpcodeThanQueryIsNoResponse() {
        // an UPDATE whose prerequisite section holds an A record of no data, which dnsjava reads as a record of type A without an address
        byte[] update = {0x12, 0x34, (byte) 0xa8, 0, 0, 1, 0, 1, 0, 0, 0, 0,
                1, 'q', 0, 0, 1, 0, 1,
                1, 'q', 0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 0};
        assertNull(DnsMessages.parse(ByteBuffer.wrap(update)));
    }

    @Test
    void aTtlWithItsTopBitSetIsZero() {
        byte[] response = {0x12, 0x34, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
                1, 'q', 0, 0, 1, 0, 1,
                1, 'q', 0, 0, 1, 0, 1, (byte) 0x80, 0, 0, 0, 0, 4, 10, 0, 0, 1};
        DnsAnswer answer = DnsMessages.answerOf(DnsMessages.parse(ByteBuffer.wrap(response)), asked("q"), Type.A, SERVER, 0);
        assertEquals(DnsAnswer.Status.DATA, answer.status());
        assertEquals(0, answer.ttl(), "RFC 2181: read as 0, not as 68 years");
    }
}
