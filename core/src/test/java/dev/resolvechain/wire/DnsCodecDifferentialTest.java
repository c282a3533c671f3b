package dev.resolvechain.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The chain's own DNS codec against dnsjava, its oracle: queries byte for byte as dnsjava writes
 * them, names compared and printed as dnsjava does. (Responses: {@link DnsMessagesPropertiesTest}.)
 */
class DnsCodecDifferentialTest {
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcXYZ019-_*").ofMinLength(1).ofMaxLength(63);
        return label.list().ofMinSize(1).ofMaxSize(5).map(labels -> String.join(".", labels)).filter(name -> name.length() <= 253);
    }

    @Property(tries = 500)
    void aQueryIsWhatDnsjavaWrites(@ForAll("names") String name, @ForAll("types") int type, @ForAll("ids") int id) throws TextParseException {
        Message query = new Message(id);
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN), Section.QUESTION);
        query.addRecord(new OPTRecord(DnsMessages.EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        assertArrayEquals(query.toWire(), DnsMessages.query(DnsName.of(name), type, id));
    }

    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.of(Type.A, Type.AAAA, Type.PTR, Type.NS);
    }

    @Provide
    Arbitrary<Integer> ids() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    /** A PTR target of any bytes, as a response brings it: printed as dnsjava prints it, compared as dnsjava compares. */
    @Property(tries = 500)
    void aNameReadFromAResponseIsPrintedAndComparedAsDnsjavaDoes(@ForAll("rawLabels") byte[][] labels) throws Exception {
        Name target = Name.fromString(".");
        for (int i = labels.length - 1; i >= 0; i--) {
            target = Name.concatenate(label(labels[i]), target);
        }
        Message response = new Message(1);
        response.getHeader().setFlag(Flags.QR);
        Name owner = Name.fromString("1.0.0.10.in-addr.arpa.");
        response.addRecord(Record.newRecord(owner, Type.PTR, DClass.IN), Section.QUESTION);
        response.addRecord(new PTRRecord(owner, DClass.IN, 60, target), Section.ANSWER);
        DnsResponse read = DnsMessages.parse(ByteBuffer.wrap(response.toWire()));
        DnsName ours = read.answers.get(0).target();
        assertEquals(target.toString(true), ours.toString());
        DnsName upper = DnsMessages.parse(ByteBuffer.wrap(withTarget(response, owner, Name.fromString(target.toString().toUpperCase()))))
                .answers.get(0).target();
        assertEquals(Name.fromString(target.toString().toUpperCase()).equals(target), upper.equals(ours), "equal ignoring ASCII case");
        if (upper.equals(ours)) {
            assertEquals(upper.hashCode(), ours.hashCode());
        }
    }

    private static byte[] withTarget(Message response, Name owner, Name target) {
        Message copy = new Message(1);
        copy.getHeader().setFlag(Flags.QR);
        copy.addRecord(response.getQuestion(), Section.QUESTION);
        copy.addRecord(new PTRRecord(owner, DClass.IN, 60, target), Section.ANSWER);
        return copy.toWire();
    }

    private static Name label(byte[] bytes) throws Exception {
        byte[] wire = new byte[bytes.length + 2];
        wire[0] = (byte) bytes.length;
        System.arraycopy(bytes, 0, wire, 1, bytes.length);
        return new Name(new DNSInput(wire));
    }

    @Provide
    Arbitrary<byte[][]> rawLabels() {
        Arbitrary<byte[]> label = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(20);
        return label.array(byte[][].class).ofMinSize(1).ofMaxSize(4);
    }

    @Test
    void namesThatAreNoDnsNamesAreRefusedSayingWhy() {
        assertEquals("empty label", assertThrows(IllegalArgumentException.class, () -> DnsName.of("a..b")).getMessage());
        assertEquals("label longer than 63 bytes", assertThrows(IllegalArgumentException.class, () -> DnsName.of("a".repeat(64))).getMessage());
        assertEquals("a backslash", assertThrows(IllegalArgumentException.class, () -> DnsName.of("a\\.b")).getMessage());
        assertEquals("a character beyond ASCII", assertThrows(IllegalArgumentException.class, () -> DnsName.of("bücher.de")).getMessage());
        assertEquals("longer than 255 bytes", assertThrows(IllegalArgumentException.class,
                () -> DnsName.of(("a".repeat(60) + ".").repeat(5))).getMessage());
        assertEquals(DnsName.of("Web.Corp."), DnsName.of("web.corp"));
        assertEquals("Web.Corp", DnsName.of("Web.Corp.").toString());
        assertEquals(".", DnsName.ROOT.toString());
    }
}
