package dev.resolvechain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Address;

/** IP literals as the chain reads them, against dnsjava's {@code Address} (the parser they were read with before). */
class IpLiteralPropertiesTest {
    /** Text of the characters literals are made of, weighted towards what is almost a literal. */
    @Provide
    Arbitrary<String> almostLiterals() {
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789abcdefABCDEF:.".toCharArray()).ofMaxLength(45);
        Arbitrary<String> groups = Arbitraries.strings().withChars("0123456789abcdef".toCharArray()).ofMinLength(0).ofMaxLength(5)
                .list().ofMinSize(1).ofMaxSize(9).map(parts -> String.join(":", parts));
        Arbitrary<String> withTail = Combinators.combine(groups, Arbitraries.integers().between(0, 300).list().ofMinSize(1).ofMaxSize(5))
                .as((head, quad) -> head + ":" + String.join(".", quad.stream().map(String::valueOf).toList()));
        Arbitrary<String> quads = Arbitraries.integers().between(0, 300).list().ofMinSize(1).ofMaxSize(5)
                .map(parts -> String.join(".", parts.stream().map(String::valueOf).toList()));
        return Arbitraries.oneOf(random, groups, withTail, quads, quads.map(q -> "0" + q), groups.map(g -> "::" + g), groups.map(g -> g + "::"));
    }

    /** Where dnsjava takes a group of more than four hex digits led by zeros (it reads groups with parseInt), which glibc refuses. */
    private static boolean hasLongGroup(String text) {
        String[] groups = text.split(":", -1);
        for (int i = 0; i < groups.length; i++) {
            boolean ipv4Tail = i == groups.length - 1 && groups[i].indexOf('.') >= 0;
            if (!ipv4Tail && groups[i].length() > 4) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 5000)
    void readsEveryLiteralAsDnsjavaDoesButLongerGroups(@ForAll("almostLiterals") String text) {
        byte[] ours = bytes(IpLiteral.parse(text));
        byte[] theirs = Address.toByteArray(text, Address.IPv4);
        if (theirs == null) {
            theirs = Address.toByteArray(text, Address.IPv6);
        }
        if (theirs != null && ours == null) {
            assertTrue(hasLongGroup(text), () -> "dnsjava reads '" + text + "', the chain does not");
            return;
        }
        assertArrayEquals(theirs, ours, () -> "'" + text + "'");
    }

    @Test
    void readsTheFormsGlibcReads() throws Exception {
        for (String literal : List.of("0.0.0.0", "255.255.255.255", "10.1.2.3", "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
                "::2:3:4:5:6:7:8", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4", "2001:DB8::A", "fe80::1%1")) {
            InetAddress parsed = IpLiteral.parse(literal);
            assertEquals(InetAddress.getByName(literal), parsed, literal); // a literal: the JDK parses it without any lookup
        }
        assertTrue(IpLiteral.parse("10.1.2.3") instanceof Inet4Address);
        assertTrue(IpLiteral.parse("::1") instanceof Inet6Address);
    }

    @Test
    void refusesWhatGlibcRefuses() {
        for (String text : List.of("", ".", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1..2.3", "1.2.3.4.", ":", ":::", "1:", ":1",
                "1::2::3", "1:2:3:4:5:6:7:8:9", "::1:2:3:4:5:6:7:8", "12345::", "00001::", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3",
                "g::1", "1.2.3.4::", "::1.2.3.4:5", "１.2.3.4", "1:２::")) {
            assertNull(IpLiteral.parse(text), "'" + text + "'");
        }
    }

    private static byte[] bytes(InetAddress address) {
        return address == null ? null : address.getAddress();
    }
}
