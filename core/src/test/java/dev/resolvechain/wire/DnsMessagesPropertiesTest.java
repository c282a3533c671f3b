package dev.resolvechain.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Responses as any server, broken or hostile, may send them: whatever the bytes, reading them gives
 * a message or nothing (never an exception), an answer read from a message never holds a record of
 * another type or class than asked, never loops on CNAMEs, and a well-formed response gives exactly
 * the addresses at the end of its CNAME chain with the smallest TTL on the way.
 */
class DnsMessagesPropertiesTest {
    private static final Endpoint SERVER = Endpoint.parse("127.0.0.1:5353");
    /** A hang guard only: reading a message takes microseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);
    /** The CNAMEs followed at most (DnsMessages.MAX_CNAME_CHAIN). */
    private static final int MAX_CNAME_CHAIN = 16;
    private static final long MAX_TTL = 0x7fffffffL;
    private static final Name QUESTION = name("q.test");
    private static final DnsName ASKED = DnsName.of("q.test");
    private static final List<Integer> TYPES_ASKED = List.of(Type.A, Type.AAAA, Type.PTR);

    private static ServerSocket tcpServer;

    @BeforeContainer
    static void startTcpServer() throws IOException {
        tcpServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        tcpServer.setSoTimeout((int) HANG_GUARD.toMillis());
    }

    @AfterContainer
    static void stopTcpServer() throws IOException {
        tcpServer.close();
    }

    private static Name name(String text) {
        return Name.fromConstantString(text + ".");
    }

    // ---- what holds of any answer read from any message ----

    /** Reads {@code bytes} as a response; if it is one, reads the answer to each type the chain asks. */
    private static void assertAnyAnswerIsSound(byte[] bytes) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            DnsResponse response = DnsMessages.parse(ByteBuffer.wrap(bytes));
            Message oracle = dnsjava(bytes);
            if (oracle != null) {
                assertNotNull(response, "dnsjava reads it, so must the chain");
                assertEquals(oracle.getHeader().getID(), response.id);
                assertEquals(oracle.getRcode(), response.rcode, "the RCODE, an OPT record's extended bits included");
                assertEquals(oracle.getHeader().getFlag(Flags.TC), response.truncated());
                assertEquals(oracle.getHeader().getFlag(Flags.QR), response.isResponse());
                Record question = oracle.getQuestion();
                assertEquals(question != null, response.hasQuestion());
                if (question != null) {
                    assertEquals(question.getName().toString(true), response.questionName.toString());
                    assertEquals(question.getType(), response.questionType);
                    assertEquals(question.getDClass(), response.questionClass);
                }
            }
            if (response == null) {
                return;
            }
            for (int type : TYPES_ASKED) {
                for (String asked : List.of("q.test", "c1.test", "test")) {
                    DnsAnswer answer = DnsMessages.answerOf(response, DnsName.of(asked), type, SERVER, 1);
                    assertNotNull(answer);
                    if (oracle != null && !oracle.getHeader().getFlag(Flags.TC)) {
                        // truncated, dnsjava keeps the records before the first it cannot read, the chain reads on past records of types it skips
                        assertSound(oracle, type, answer);
                    }
                }
            }
        });
    }

    /** The message as dnsjava reads it, or null when it does not, or when it is of another opcode than QUERY. */
    private static Message dnsjava(byte[] bytes) {
        try {
            Message message = new Message(bytes);
            return message.getHeader().getOpcode() == Opcode.QUERY ? message : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void assertSound(Message response, int type, DnsAnswer answer) {
        assertNotNull(answer);
        assertEquals(response.getRcode() == Rcode.NXDOMAIN, answer.status() == DnsAnswer.Status.NXDOMAIN, answer.toString());
        assertTrue(answer.status() != DnsAnswer.Status.FAILED, answer.toString());
        assertEquals(SERVER, answer.server());
        if (answer.status() != DnsAnswer.Status.DATA) {
            assertEquals(List.of(), answer.addresses());
            assertNull(answer.hostName());
            assertTrue(answer.ttl() == DnsAnswer.NO_SOA || (answer.ttl() >= 0 && answer.ttl() <= MAX_TTL), "negative TTL " + answer.ttl());
            return;
        }
        assertTrue(answer.ttl() >= 0 && answer.ttl() <= MAX_TTL, "TTL within DNS's 31 bits: " + answer.ttl());
        Set<InetAddress> offered = new HashSet<>();
        Set<String> targets = new HashSet<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getDClass() == DClass.IN && record.getType() == type) {
                if (record instanceof ARecord a) {
                    offered.add(a.getAddress());
                } else if (record instanceof AAAARecord aaaa) {
                    offered.add(aaaa.getAddress());
                } else if (record instanceof PTRRecord ptr) {
                    targets.add(ptr.getTarget().toString(true));
                }
            }
        }
        if (type == Type.PTR) {
            assertEquals(List.of(), answer.addresses());
            assertTrue(targets.contains(answer.hostName()), answer.hostName() + " is the target of an IN PTR record: " + targets);
        } else {
            assertFalse(answer.addresses().isEmpty(), answer.toString());
            assertNull(answer.hostName());
            for (InetAddress address : answer.addresses()) {
                assertTrue(offered.contains(address), address + " is the address of an IN record of the type asked: " + offered);
                if (type == Type.A) {
                    assertTrue(address instanceof Inet4Address, address.toString());
                }
            }
        }
    }

    // ---- any bytes ----

    @Property(tries = 1000)
    void anyBytesAreAMessageOrNothingAndItsAnswersAreSound(@ForAll("anyBytes") byte[] bytes) {
        assertAnyAnswerIsSound(bytes);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        // a plausible header (one question, a few records) before random bytes, so that the parser gets further
        Arbitrary<byte[]> headed = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(400), Arbitraries.integers().between(0, 8))
                .as((rest, count) -> {
                    ByteBuffer buffer = ByteBuffer.allocate(12 + rest.length);
                    buffer.putShort((short) 1).putShort((short) 0x8180).putShort((short) 1).putShort((short) (int) count)
                            .putShort((short) (count / 2)).putShort((short) (count / 3)).put(rest);
                    return buffer.array();
                });
        return Arbitraries.oneOf(random, headed);
    }

    // ---- messages of any records, written by hand: any type, class, TTL, rdata length and opcode ----

    /** One resource record as it goes on the wire. */
    record Raw(Name owner, int type, int dclass, long ttl, byte[] rdata) {
        @Override
        public String toString() {
            return owner + " " + Type.string(type) + " " + DClass.string(dclass) + " ttl " + ttl + " rdlength " + rdata.length;
        }
    }

    /** A response as it goes on the wire; {@code countsLie}: the header's counts are not the records'. */
    record RawMessage(int flags, Name question, int questionType, List<Raw> answers, List<Raw> authority, boolean countsLie, int extra) {
        byte[] wire() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeShort(out, 0x1234);
            writeShort(out, flags);
            writeShort(out, question == null ? 0 : 1);
            writeShort(out, countsLie ? answers.size() + extra : answers.size());
            writeShort(out, countsLie ? Math.max(0, authority.size() - extra) : authority.size());
            writeShort(out, 0);
            if (question != null) {
                out.writeBytes(question.toWireCanonical());
                writeShort(out, questionType);
                writeShort(out, DClass.IN);
            }
            for (Raw record : answers) {
                write(out, record);
            }
            for (Raw record : authority) {
                write(out, record);
            }
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, Raw record) {
            out.writeBytes(record.owner().toWireCanonical());
            writeShort(out, record.type());
            writeShort(out, record.dclass());
            writeShort(out, (int) (record.ttl() >>> 16));
            writeShort(out, (int) record.ttl());
            writeShort(out, record.rdata().length);
            out.writeBytes(record.rdata());
        }

        private static void writeShort(ByteArrayOutputStream out, int value) {
            out.write(value >>> 8);
            out.write(value);
        }
    }

    private static final List<Name> OWNERS = List.of(QUESTION, name("c1.test"), name("c2.test"), name("test"), name("other.test"));

    private static Arbitrary<byte[]> rdata(int type) {
        Arbitrary<byte[]> anyLength = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
        Arbitrary<byte[]> target = Arbitraries.of(OWNERS).map(Name::toWireCanonical);
        Arbitrary<byte[]> proper = switch (type) {
            case Type.A -> Arbitraries.bytes().array(byte[].class).ofSize(4);
            case Type.AAAA -> Arbitraries.bytes().array(byte[].class).ofSize(16);
            case Type.CNAME, Type.PTR -> target;
            case Type.SOA -> Combinators.combine(target, target, Arbitraries.longs().between(0, 0xffffffffL).list().ofSize(5)).as((m, r, numbers) -> {
                ByteBuffer buffer = ByteBuffer.allocate(m.length + r.length + 20).put(m).put(r);
                numbers.forEach(number -> buffer.putInt((int) (long) number));
                return buffer.array();
            });
            default -> anyLength;
        };
        return Arbitraries.frequencyOf(Tuple.of(6, proper), Tuple.of(1, Arbitraries.just(new byte[0])), Tuple.of(1, anyLength));
    }

    private static Arbitrary<Raw> raw() {
        Arbitrary<Integer> type = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(Type.A, Type.AAAA, Type.CNAME, Type.PTR)), Tuple.of(1, Arbitraries.of(Type.SOA, Type.TXT, Type.DNAME)),
                Tuple.of(1, Arbitraries.integers().between(0, 0xffff)));
        Arbitrary<Integer> dclass = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(DClass.IN)),
                Tuple.of(1, Arbitraries.of(DClass.CH, DClass.ANY, DClass.NONE)), Tuple.of(1, Arbitraries.integers().between(0, 0xffff)));
        Arbitrary<Long> ttl = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.longs().between(0, 86_400)),
                Tuple.of(1, Arbitraries.of(0L, MAX_TTL, MAX_TTL + 1, 0xffffffffL)), Tuple.of(1, Arbitraries.longs().between(0, 0xffffffffL)));
        return type.flatMap(t -> Combinators.combine(Arbitraries.of(OWNERS), dclass, ttl, rdata(t))
                .as((owner, c, seconds, data) -> new Raw(owner, t, c, seconds, data)));
    }

    @Provide
    Arbitrary<RawMessage> rawMessage() {
        Arbitrary<Integer> opcode = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0)), Tuple.of(2, Arbitraries.just(5)),
                Tuple.of(1, Arbitraries.integers().between(0, 15)));
        Arbitrary<Integer> rcode = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Rcode.NOERROR)), Tuple.of(2, Arbitraries.just(Rcode.NXDOMAIN)),
                Tuple.of(1, Arbitraries.integers().between(0, 15)));
        Arbitrary<Integer> flags = Combinators.combine(opcode, rcode, Arbitraries.integers().between(0, 0x7ff))
                .as((op, rc, bits) -> 0x8000 | op << 11 | (bits & 0x0780) | rc);
        Arbitrary<Name> question = Arbitraries.of(OWNERS).injectNull(0.1);
        return Combinators.combine(flags, question, Arbitraries.of(TYPES_ASKED), raw().list().ofMaxSize(12), raw().list().ofMaxSize(3),
                        Arbitraries.of(false, false, false, true), Arbitraries.integers().between(1, 3))
                .as(RawMessage::new);
    }

    // no edge cases mixed in: their combinations take seconds to build, and the generators weight the edges (TTLs, empty rdata) already
    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void messagesOfAnyRecordsGiveSoundAnswers(@ForAll("rawMessage") RawMessage message) {
        assertAnyAnswerIsSound(message.wire());
    }

    /** A DNS response to a query has the query's opcode: one of another (an UPDATE, say) is no response to it. */
    @Property(tries = 300)
    void aMessageOfAnotherOpcodeIsNoResponse(@ForAll("rawMessage") RawMessage message, @ForAll("otherOpcode") int opcode) {
        int flags = message.flags() & ~0x7800 | opcode << 11;
        RawMessage other = new RawMessage(flags, message.question(), message.questionType(), message.answers(), message.authority(), false, 0);

        assertNull(DnsMessages.parse(ByteBuffer.wrap(other.wire())));
    }

    @Provide
    Arbitrary<Integer> otherOpcode() {
        return Arbitraries.integers().between(1, 15);
    }

    // ---- well-formed responses: a CNAME chain, the records at its end, others around ----

    /**
     * A response to {@code type} for {@link #QUESTION}: a chain of {@code cnameTtls.size()} CNAMEs, then
     * {@code finalTtls.size()} records of the type at its end; records of other types, classes and
     * owners around them; the answer section in {@code order}.
     */
    record Chain(int type, int rcode, List<Long> cnameTtls, List<Long> finalTtls, List<Long> soa, long orderSeed, long addressSeed) {
        Name link(int i) {
            return i == 0 ? QUESTION : name("c" + i + ".test");
        }

        Name end() {
            return link(cnameTtls.size());
        }

        /** The records at the end of the chain, in the order they are in the message. */
        List<Record> finals() {
            Random random = new Random(addressSeed);
            List<Record> records = new ArrayList<>();
            for (long ttl : finalTtls) {
                records.add(record(type, end(), DClass.IN, ttl, random));
            }
            return records;
        }

        Message message() {
            Random random = new Random(addressSeed ^ 0x5deece66dL);
            List<Record> answers = new ArrayList<>();
            for (int i = 0; i < cnameTtls.size(); i++) {
                answers.add(new CNAMERecord(link(i), DClass.IN, cnameTtls.get(i), link(i + 1)));
            }
            answers.addAll(finals());
            int other = type == Type.A ? Type.AAAA : Type.A;
            answers.add(record(other, end(), DClass.IN, 60, random)); // another type at the end
            answers.add(record(type, name("elsewhere.test"), DClass.IN, 60, random)); // the type, elsewhere
            answers.add(record(type, end(), DClass.CH, 60, random)); // the type, of another class
            answers.add(new CNAMERecord(name("elsewhere.test"), DClass.IN, 60, QUESTION));
            List<Record> shuffled = new ArrayList<>(answers);
            Collections.shuffle(shuffled, new Random(orderSeed));
            // the records at the end keep their order among themselves: it is the addresses' order
            List<Record> finals = finals();
            int next = 0;
            for (int i = 0; i < shuffled.size(); i++) {
                if (finals.contains(shuffled.get(i))) {
                    shuffled.set(i, finals.get(next++));
                }
            }
            Message message = new Message(0x4242);
            message.getHeader().setFlag(Flags.QR);
            message.getHeader().setRcode(rcode);
            message.addRecord(Record.newRecord(QUESTION, type, DClass.IN), Section.QUESTION);
            shuffled.forEach(record -> message.addRecord(record, Section.ANSWER));
            if (!soa.isEmpty()) {
                message.addRecord(new SOARecord(name("test"), DClass.IN, soa.get(0), name("ns.test"), name("admin.test"), 1, 2, 3, 4, soa.get(1)),
                        Section.AUTHORITY);
            }
            return message;
        }

        private static Record record(int type, Name owner, int dclass, long ttl, Random random) {
            return switch (type) {
                case Type.A -> new ARecord(owner, dclass, ttl, address(random, 4));
                case Type.AAAA -> new AAAARecord(owner, dclass, ttl, address(random, 16));
                default -> new PTRRecord(owner, dclass, ttl, name("host-" + random.nextInt(1000) + ".test"));
            };
        }

        private static InetAddress address(Random random, int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            if (length == 16) {
                bytes[0] = 0x20; // never an IPv4-mapped address, which Java reads as IPv4
            }
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }

    @Provide
    Arbitrary<Chain> chain() {
        Arbitrary<Long> ttl = Arbitraries.longs().between(0, MAX_TTL);
        return Combinators.combine(Arbitraries.of(TYPES_ASKED), Arbitraries.of(Rcode.NOERROR, Rcode.NOERROR, Rcode.NXDOMAIN),
                        ttl.list().ofMaxSize(MAX_CNAME_CHAIN + 3), ttl.list().ofMaxSize(4), ttl.list().ofSize(2).injectNull(0.3),
                        Arbitraries.longs(), Arbitraries.longs())
                .as((type, rcode, cnames, finals, soa, orderSeed, addressSeed) ->
                        new Chain(type, rcode, cnames, finals, soa == null ? List.of() : soa, orderSeed, addressSeed));
    }

    @Property(tries = 1000)
    void aWellFormedResponseGivesTheRecordsAtTheEndOfItsChainWithTheSmallestTtl(@ForAll("chain") Chain chain) throws IOException {
        DnsResponse response = DnsMessages.parse(ByteBuffer.wrap(chain.message().toWire()));
        assertNotNull(response);

        DnsAnswer answer = assertTimeoutPreemptively(HANG_GUARD, () -> DnsMessages.answerOf(response, ASKED, chain.type(), SERVER, 7));

        long negativeTtl = chain.soa().isEmpty() ? DnsAnswer.NO_SOA : Math.min(chain.soa().get(0), chain.soa().get(1));
        if (chain.rcode() == Rcode.NXDOMAIN) {
            assertEquals(new DnsAnswer(DnsAnswer.Status.NXDOMAIN, List.of(), null, negativeTtl, SERVER, 7, false, null), answer);
        } else if (chain.cnameTtls().size() > MAX_CNAME_CHAIN || chain.finalTtls().isEmpty()) {
            assertEquals(new DnsAnswer(DnsAnswer.Status.NODATA, List.of(), null, negativeTtl, SERVER, 7, false, null), answer);
        } else {
            long ttl = Stream.concat(chain.cnameTtls().stream(), chain.finalTtls().stream()).mapToLong(Long::longValue).min()
                    .orElseThrow();
            List<InetAddress> addresses = new ArrayList<>();
            String hostName = null;
            for (Record record : chain.finals()) {
                if (record instanceof PTRRecord ptr) {
                    hostName = hostName == null ? ptr.getTarget().toString(true) : hostName;
                } else {
                    addresses.add(record instanceof ARecord a ? a.getAddress() : ((AAAARecord) record).getAddress());
                }
            }
            assertEquals(new DnsAnswer(DnsAnswer.Status.DATA, addresses, hostName, ttl, SERVER, 7, false, null), answer);
        }
    }

    /** CNAMEs that lead back to where they started: the reading stops, with no data. */
    @Property(tries = 300)
    void aCnameLoopEndsWithoutData(@ForAll("loopLength") int length, @ForAll("askedType") int type) {
        Message response = new Message(1);
        response.getHeader().setFlag(Flags.QR);
        response.addRecord(Record.newRecord(QUESTION, type, DClass.IN), Section.QUESTION);
        for (int i = 0; i < length; i++) {
            Name from = i == 0 ? QUESTION : name("c" + i + ".test");
            Name to = i == length - 1 ? QUESTION : name("c" + (i + 1) + ".test");
            response.addRecord(new CNAMERecord(from, DClass.IN, 60, to), Section.ANSWER);
        }

        DnsResponse read = DnsMessages.parse(ByteBuffer.wrap(response.toWire()));
        DnsAnswer answer = assertTimeoutPreemptively(HANG_GUARD, () -> DnsMessages.answerOf(read, ASKED, type, SERVER, 1));

        assertEquals(DnsAnswer.Status.NODATA, answer.status());
    }

    @Provide
    Arbitrary<Integer> loopLength() {
        return Arbitraries.integers().between(1, 40);
    }

    @Provide
    Arbitrary<Integer> askedType() {
        return Arbitraries.of(TYPES_ASKED);
    }

    // ---- well-formed responses, mutated ----

    @Property(tries = 2000)
    void aMutatedResponseIsAMessageOrNothingAndItsAnswersAreSound(@ForAll("chain") Chain chain,
                                                                  @ForAll("mutations") List<Mutation> mutations) {
        byte[] bytes = chain.message().toWire();
        for (Mutation mutation : mutations) {
            bytes = mutation.applied(bytes);
        }

        assertAnyAnswerIsSound(bytes);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 100_000), Arbitraries.bytes())
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(6);
    }

    /** One change at {@code where}: a byte set to {@code value}, a bit flipped, cut there, a slice repeated, a byte removed. */
    record Mutation(int kind, int where, byte value) {
        byte[] applied(byte[] bytes) {
            if (bytes.length == 0) {
                return bytes;
            }
            int at = where % bytes.length;
            byte[] mutated;
            switch (kind) {
                case 0 -> {
                    mutated = bytes.clone();
                    mutated[at] = value;
                }
                case 1 -> {
                    mutated = bytes.clone();
                    mutated[at] ^= (byte) (1 << (value & 7));
                }
                case 2 -> mutated = Arrays.copyOf(bytes, at);
                case 3 -> {
                    int length = Math.min(bytes.length - at, 1 + (value & 0x3f));
                    mutated = new byte[bytes.length + length];
                    System.arraycopy(bytes, 0, mutated, 0, at + length);
                    System.arraycopy(bytes, at, mutated, at + length, bytes.length - at);
                }
                default -> {
                    mutated = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, mutated, 0, at);
                    System.arraycopy(bytes, at + 1, mutated, at, bytes.length - at - 1);
                }
            }
            return mutated;
        }
    }

    // ---- over TCP: the same bytes give the same message or nothing, and never an exception but an IOException ----

    @Property(tries = 150)
    void overTcpAResponseIsTheSameMessageOrAnIoException(@ForAll("rawMessage") RawMessage message,
                                                          @ForAll("mutations") List<Mutation> mutations, @ForAll boolean mutated) {
        byte[] bytes = message.wire();
        if (mutated) {
            for (Mutation mutation : mutations) {
                bytes = mutation.applied(bytes);
            }
        }
        byte[] response = bytes;
        Thread server = new Thread(() -> answerOnce(response));
        server.start();
        Endpoint endpoint = new Endpoint(InetAddress.getLoopbackAddress(), tcpServer.getLocalPort());
        byte[] query = DnsMessages.query(ASKED, Type.A, 0x1234);

        DnsResponse overTcp = assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                return TcpQuery.ask(endpoint, query, System.nanoTime() + HANG_GUARD.toNanos() / 2);
            } catch (IOException e) {
                return null;
            }
        });

        DnsResponse overUdp = DnsMessages.parse(ByteBuffer.wrap(response));
        assertEquals(overUdp == null, overTcp == null, "read over TCP as over UDP");
        if (overTcp != null) {
            assertEquals(describe(overUdp), describe(overTcp));
        }
    }

    private static String describe(DnsResponse response) {
        return response.id + " " + response.flags + " " + response.rcode + " " + response.questionName + " " + response.questionType + " "
                + response.answers.size() + " " + response.authority.size();
    }

    /** Takes one connection, reads the query, writes {@code response} framed, closes. */
    private static void answerOnce(byte[] response) {
        try (Socket socket = tcpServer.accept()) {
            InputStream in = socket.getInputStream();
            int length = in.read() << 8 | in.read();
            in.readNBytes(length);
            OutputStream out = socket.getOutputStream();
            out.write(response.length >>> 8);
            out.write(response.length);
            out.write(response);
            out.flush();
        } catch (IOException e) {
            // the client gave up: its side of the property says so
        }
    }
}
