package dev.resolvechain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resolvechain.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations in messages are written as they are configured. */
class DurationTextTest {

    @Test
    void writesWhatParsesBackToTheSame() {
        for (String text : new String[] {"0", "250ms", "1500ms", "5s", "90s", "2m", "90m", "1h"}) {
            Duration parsed = Settings.DNS_STALE_TTL.parse(text);
            assertEquals(text, Durations.text(parsed));
        }
        assertEquals("5m", Durations.text(Duration.ofSeconds(300)));
    }
}
