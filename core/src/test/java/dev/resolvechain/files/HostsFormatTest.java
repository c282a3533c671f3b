package dev.resolvechain.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.Names;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostsFormatTest {
    @Test
    void parsesLinesCommentsAndBothFamilies() {
        HostsFormat.Parsed parsed = HostsFormat.parse(
                "127.0.0.1\tlocalhost\n# comment\n  \n192.0.2.1 A.Example. b # trailing\n2001:db8::1 v6\nfe80::1%1 linklocal\n", "f");
        assertEquals(List.of(), parsed.problems());
        assertEquals(4, parsed.lines().size());
        assertEquals(List.of("a.example", "b"), parsed.lines().get(1).names());
        assertEquals(4, parsed.lines().get(1).lineNumber());
        assertEquals("2001:db8:0:0:0:0:0:1", parsed.lines().get(2).address().getHostAddress());
    }

    @Test
    void reportsEachBadLineWithFileAndLine() {
        HostsFormat.Parsed parsed = HostsFormat.parse(
                "192.0.2.1 ok\n999.1.1.1 bad\n192.0.2.2\n192.0.2.3 sp@ce\n192.0.2.4 a..b\n", "/x/f.hosts");
        assertEquals(1, parsed.lines().size());
        assertEquals(4, parsed.problems().size());
        assertEquals("/x/f.hosts:2: '999.1.1.1' is not an IP address", parsed.problems().get(0).toString());
        assertEquals(3, parsed.problems().get(1).line());
        assertTrue(parsed.problems().get(2).message().contains("'@'"));
        assertTrue(parsed.problems().get(3).message().contains("empty label"));
    }

    @Test
    void aLineOfWhiteSpaceThatTrimLeavesIsBlank() {
        HostsFormat.Parsed parsed = HostsFormat.parse("192.0.2.1 a\n\u2000\u3000\n\u2028 # comment\n192.0.2.2 b\n", "f");
        assertEquals(List.of(), parsed.problems());
        assertEquals(List.of(1, 4), parsed.lines().stream().map(HostsLine::lineNumber).toList());
    }

    @Test
    void namesLongerThanDnsAllowsAreRefused() {
        String label63 = "a".repeat(63);
        String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertEquals(253, name253.length());
        assertNull(Names.problem(name253));
        assertNull(Names.problem(name253 + "."));
        assertTrue(Names.problem(name253 + "a").contains("longer than DNS allows"));
        assertTrue(Names.problem("a".repeat(64) + ".b").contains("label longer than 63"));
    }
}
