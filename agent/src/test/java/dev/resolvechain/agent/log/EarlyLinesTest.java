package dev.resolvechain.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.config.LogLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debug lines logged before {@code log.level} is read are kept, in order and bounded, then handed over once. */
class EarlyLinesTest {

    @Test
    void linesKeptUntilTheLevelIsReadThenHandedOverOnce() {
        EarlyLines early = new EarlyLines();
        assertTrue(early.keep(LogLevel.DEBUG, "woven into io/netty/resolver/dns/DnsNameResolver", null));
        assertTrue(early.keep(LogLevel.TRACE, "second", null));
        assertFalse(early.levelKnown());

        assertEquals(List.of("DEBUG woven into io/netty/resolver/dns/DnsNameResolver", "TRACE second"), texts(early.levelRead()));
        assertTrue(early.levelKnown());
        assertFalse(early.keep(LogLevel.DEBUG, "after", null), "once the level is known, lines are written or not at once");
        assertEquals(List.of(), texts(early.levelRead()));
    }

    @Test
    void beyondItsCapacityLinesAreCountedNotKept() {
        EarlyLines early = new EarlyLines();
        for (int i = 0; i < EarlyLines.CAPACITY + 3; i++) {
            assertTrue(early.keep(LogLevel.DEBUG, "line " + i, null));
        }
        List<String> lines = texts(early.levelRead());
        assertEquals(EarlyLines.CAPACITY + 1, lines.size());
        assertEquals("DEBUG line 0", lines.get(0));
        assertEquals("DEBUG line " + (EarlyLines.CAPACITY - 1), lines.get(EarlyLines.CAPACITY - 1));
        assertEquals("DEBUG 3 more lines below INFO, logged before log.level was read, were not kept", lines.get(EarlyLines.CAPACITY));
    }

    private static List<String> texts(List<EarlyLines.Line> lines) {
        List<String> texts = new ArrayList<>();
        for (EarlyLines.Line line : lines) {
            texts.add(line.at() + " " + line.message());
        }
        return texts;
    }
}
