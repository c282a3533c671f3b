package dev.resolvechain.testkit;

import static dev.resolvechain.testkit.TestDnsServerTest.addresses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class FaultTest {

    private static final Duration SHORT_WAIT = Duration.ofMillis(300);

    private final TestDnsServer server = TestDnsServer.start()
            .soa("test", 30)
            .a("web.test", 60, "192.0.2.10")
            .a("db.test", 60, "192.0.2.20")
            .aaaa("web.test", 60, "2001:db8::10")
            .cname("www.test", 60, "web.test");
    private final DnsClient client = new DnsClient(server.socketAddress());
    private final Message webQuery = DnsClient.query("web.test", Type.A);

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void dropReceivesButNeverAnswers() {
        server.fault(Fault.drop());

        assertThrows(SocketTimeoutException.class, () -> udpWithin(SHORT_WAIT));
        assertEquals(1, server.queryCount());
    }

    @Test
    void delayAnswersLaterWithoutHoldingUpOtherQueries() throws IOException {
        Duration delay = Duration.ofMillis(1500);
        server.fault("web.test", Fault.delay(delay));

        try (DatagramSocket delayed = new DatagramSocket()) {
            long sent = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> client.udp(delayed, webQuery, SHORT_WAIT));
            // answered while the delayed one waits: a server blocked by the delay would time this out
            assertEquals(List.of("192.0.2.20"), addresses(client.resolve("db.test", Type.A)));

            Message late = new Message(client.udp(delayed, webQuery, delay.multipliedBy(2)));
            assertEquals(List.of("192.0.2.10"), addresses(late));
            assertTrue(Duration.ofNanos(System.nanoTime() - sent).compareTo(delay) >= 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void answersWithoutRecords(Fault fault, int rcode, boolean withSoa) throws IOException {
        server.fault(fault);

        Message answer = new Message(client.udp(webQuery));

        assertEquals(Rcode.string(rcode), Rcode.string(answer.getRcode()));
        assertEquals(webQuery.getQuestion(), answer.getQuestion());
        assertTrue(answer.getSection(Section.ANSWER).isEmpty());
        assertEquals(withSoa, !answer.getSection(Section.AUTHORITY).isEmpty());
    }

    static Stream<Arguments> answersWithoutRecords() {
        return Stream.of(
                Arguments.of(Fault.servfail(), Rcode.SERVFAIL, false),
                Arguments.of(Fault.refused(), Rcode.REFUSED, false),
                Arguments.of(Fault.nxdomain(), Rcode.NXDOMAIN, true),
                Arguments.of(Fault.emptyAnswer(), Rcode.NOERROR, true));
    }

    @Test
    void truncateSendsAnEmptyTruncatedHeaderOverUdpAndTheAnswerOverTcp() throws IOException {
        server.fault(Fault.truncate());

        Message overUdp = new Message(client.udp(webQuery));
        Message overTcp = new Message(client.tcp(webQuery));
        Message resolved = client.resolve("web.test", Type.A);

        assertTrue(overUdp.getHeader().getFlag(Flags.TC));
        assertTrue(overUdp.getSection(Section.ANSWER).isEmpty());
        assertEquals(List.of("192.0.2.10"), addresses(overTcp));
        assertEquals(List.of("192.0.2.10"), addresses(resolved));
        assertEquals(List.of("udp", "tcp", "udp", "tcp"), server.queries().stream().map(Question::transport).toList());
    }

    @Test
    void garbageIsNoAnswerToTheQuery() throws IOException {
        server.fault(Fault.garbage());

        byte[] reply = client.udp(webQuery);

        assertFalse(isAnswerTo(webQuery, reply));
    }

    @Test
    void wrongIdIsTheAnswerUnderAnotherId() throws IOException {
        server.fault(Fault.wrongId());

        Message answer = new Message(client.udp(webQuery));

        assertNotEquals(webQuery.getHeader().getID(), answer.getHeader().getID());
        assertEquals(List.of("192.0.2.10"), addresses(answer));
    }

    @Test
    void wrongQuestionIsAnAnswerForAnotherName() throws IOException {
        server.fault(Fault.wrongQuestion());

        Message answer = new Message(client.udp(webQuery));

        assertEquals(webQuery.getHeader().getID(), answer.getHeader().getID());
        assertEquals("wrong-question.web.test.", answer.getQuestion().getName().toString());
        Record record = answer.getSection(Section.ANSWER).get(0);
        assertEquals("wrong-question.web.test.", record.getName().toString());
        assertEquals(List.of("192.0.2.10"), addresses(answer));
    }

    @Test
    void nameFaultAppliesToThatNameOnly() throws IOException {
        server.fault("WEB.test.", Fault.servfail());

        assertEquals(Rcode.SERVFAIL, client.resolve("web.test", Type.A).getRcode());
        assertEquals(Rcode.NOERROR, client.resolve("db.test", Type.A).getRcode());
    }

    @Test
    void faultFirstAppliesToTheNextQueriesThenTheOtherSettings() throws IOException {
        server.fault("db.test", Fault.refused()).faultFirst(2, Fault.servfail());

        assertEquals(Rcode.SERVFAIL, client.resolve("db.test", Type.A).getRcode());
        assertEquals(Rcode.SERVFAIL, client.resolve("web.test", Type.A).getRcode());
        assertEquals(Rcode.NOERROR, client.resolve("web.test", Type.A).getRcode());
        assertEquals(Rcode.REFUSED, client.resolve("db.test", Type.A).getRcode());
    }

    @Test
    void noneHeals() throws IOException {
        server.fault(Fault.servfail());
        server.fault(Fault.none());

        assertEquals(List.of("192.0.2.10"), addresses(client.resolve("web.test", Type.A)));
    }

    @Test
    void lossAnswersAboutTheShareOfQueriesWhoseQueryAndAnswerBothSurvive() throws IOException {
        int queries = 400;
        server.fault(Fault.loss(0.3));

        int answered = client.answeredOf(queries, webQuery);

        // (1 - 0.3)² = 49 % expected, 196 of 400 with a standard deviation of 10: far from all, none or one draw only (70 %)
        assertTrue(answered > 130 && answered < 260, answered + " of " + queries + " answered");
        assertEquals(queries, server.queryCount());
    }

    @Test
    void lossOfAllAnswersNothingOverUdpAndEverythingOverTcp() throws IOException {
        server.fault(Fault.loss(1));

        assertEquals(0, client.answeredOf(20, webQuery));
        assertEquals(List.of("192.0.2.10"), addresses(new Message(client.tcp(webQuery))));
        server.fault(Fault.loss(0));
        assertEquals(20, client.answeredOf(20, webQuery));
    }

    @Test
    void trickleSendsTheAnswerByteByByteOverTcpWhileOtherQueriesAreAnswered() throws IOException {
        server.fault("web.test", Fault.trickle(Duration.ofMillis(40)));

        Message overUdp = new Message(client.udp(webQuery));
        assertTrue(overUdp.getHeader().getFlag(Flags.TC));
        try (Socket socket = new Socket()) {
            socket.connect(server.socketAddress(), (int) DnsClient.TIMEOUT.toMillis());
            socket.setSoTimeout((int) DnsClient.TIMEOUT.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] wire = webQuery.toWire();
            out.writeShort(wire.length);
            out.write(wire);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];

            assertEquals(List.of("192.0.2.20"), addresses(new Message(client.tcp(DnsClient.query("db.test", Type.A)))));
            in.readFully(answer);
            assertEquals(List.of("192.0.2.10"), addresses(new Message(answer)));
        }
    }

    @Test
    void otherClassAnswersTheAddressesInClassChaosUnderTheInQuestion() throws IOException {
        server.fault(Fault.otherClass());

        Message answer = new Message(client.udp(DnsClient.query("www.test", Type.A)));

        assertEquals(DClass.IN, answer.getQuestion().getDClass());
        List<Record> records = answer.getSection(Section.ANSWER);
        assertEquals(List.of(Type.CNAME, Type.A), records.stream().map(Record::getType).toList());
        assertEquals(List.of(DClass.IN, DClass.CH), records.stream().map(Record::getDClass).toList());
        assertEquals(List.of("192.0.2.10"), addresses(answer));
    }

    @ParameterizedTest
    @ValueSource(ints = {Type.A, Type.AAAA})
    void otherClassBesideAnswerPutsAChaosRecordOfAnotherAddressFirst(int type) throws IOException {
        server.fault(Fault.otherClassBesideAnswer());

        Message answer = new Message(client.udp(DnsClient.query("web.test", type)));

        List<Record> records = answer.getSection(Section.ANSWER);
        assertEquals(List.of(DClass.CH, DClass.IN), records.stream().map(Record::getDClass).toList());
        String chaos = type == Type.A ? Fault.OTHER_CLASS_IPV4 : "2001:db8:0:0:0:0:0:99";
        String in = type == Type.A ? "192.0.2.10" : "2001:db8:0:0:0:0:0:10";
        assertEquals(List.of(chaos, in), addresses(answer));
    }

    @Test
    void oversizedAnswersOverUdpBeyondAnyEdnsSizeWithoutTruncationAndNormallyOverTcp() throws IOException {
        server.fault(Fault.oversized());
        Message ednsQuery = DnsClient.query("web.test", Type.A);
        ednsQuery.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);

        byte[] overUdp = client.udp(ednsQuery);
        byte[] overTcp = client.tcp(ednsQuery);

        assertTrue(overUdp.length > 4096, overUdp.length + " bytes");
        Message udpAnswer = new Message(overUdp);
        assertFalse(udpAnswer.getHeader().getFlag(Flags.TC));
        assertEquals(List.of("192.0.2.10"), addresses(udpAnswer));
        assertTrue(overTcp.length < 512, overTcp.length + " bytes");
        assertEquals(List.of("192.0.2.10"), addresses(new Message(overTcp)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "drop", "servfail", "refused", "nxdomain", "emptyAnswer", "truncate", "garbage", "wrongId",
        "wrongQuestion", "otherClass", "otherClassBesideAnswer", "oversized", "delay:800ms", "delay:2s", "loss:0.3", "trickle:100ms"})
    void parseReadsWhatToStringWrites(String spec) {
        assertEquals(spec, Fault.parse(spec).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "drop:1s", "delay", "delay:800", "delay:-1ms", "loss:1.5", "loss:x", "trickle:0ms", "Drop"})
    void parseRejectsWhatIsNoFault(String spec) {
        assertThrows(IllegalArgumentException.class, () -> Fault.parse(spec));
    }

    private byte[] udpWithin(Duration timeout) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            return client.udp(socket, webQuery, timeout);
        }
    }

    private static boolean isAnswerTo(Message query, byte[] reply) {
        try {
            Message parsed = new Message(reply);
            return parsed.getHeader().getID() == query.getHeader().getID() && query.getQuestion().equals(parsed.getQuestion());
        } catch (IOException e) {
            return false;
        }
    }
}
