package dev.resolvechain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.benchmarks.ChangeVisibility.Change;
import dev.resolvechain.benchmarks.ChangeVisibility.Seen;
import dev.resolvechain.benchmarks.ChangeVisibility.Watcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Change-to-visible's bookkeeping over several watchers (made-up answers); nothing is measured here. */
class ChangeVisibilityTest {
    private static final List<Change> CHANGES = List.of(new Change(1, "198.18.0.2", 1_000_000), new Change(2, "198.18.0.3", 2_000_000),
            new Change(3, "198.18.0.4", 3_000_000));

    @Test
    void eachWatcherSeesEachChangeAtItsFirstAnswerOfThatChangeOrALaterOne() {
        Watcher quick = new Watcher("quick", List.of(new Seen(0, "192.0.2.1"), new Seen(1_002_000, "198.18.0.2"), new Seen(2_001_000, "198.18.0.3"),
                new Seen(3_004_000, "198.18.0.4")));
        // misses change 1's answer and goes straight to change 2's: change 1 counts as seen (superseded) then
        Watcher slow = new Watcher("slow", List.of(new Seen(0, "192.0.2.1"), new Seen(2_010_000, "198.18.0.3"), new Seen(2_500_000, "unknown")));

        ChangeVisibility.Figures figures = ChangeVisibility.of(CHANGES, "192.0.2.1", List.of(quick, slow));

        assertEquals(List.of(2.0, 1010.0, 1.0, 10.0, 4.0), figures.samples());
        assertEquals(1, figures.missed(), "slow never answered change 3's address");
        assertEquals(1, figures.superseded());
        assertEquals(List.of(1010.0, 10.0), figures.allWatchers(), "per change, the slowest watcher; change 3 was missed by one");
        assertEquals(1, figures.changesMissedByAny());
        assertEquals(List.of("slow at 2500000: unknown"), figures.unexpected());
        assertEquals(10.0, figures.allP(50));
        assertEquals(1010.0, figures.p(100));
    }

    @Test
    void aWatcherAnsweringBeforeTheWritersClockCountsZero() {
        Watcher early = new Watcher("early", List.of(new Seen(999_000, "198.18.0.2"), new Seen(1_999_500, "198.18.0.3"), new Seen(3_000_100, "198.18.0.4")));
        ChangeVisibility.Figures figures = ChangeVisibility.of(CHANGES, "192.0.2.1", List.of(early));
        assertEquals(List.of(0.0, 0.0, 0.1), figures.samples());
        assertTrue(ChangeVisibility.line("early", figures).contains("early"));
    }
}
