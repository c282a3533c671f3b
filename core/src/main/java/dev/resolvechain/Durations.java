package dev.resolvechain;

import java.time.Duration;

/** Durations as the configuration writes them, for messages that name a setting's value. */
public final class Durations {
    private Durations() {
    }

    /** {@code 0}, {@code 250ms}, {@code 5s}, {@code 2m} or {@code 1h}: the largest unit that writes {@code d} exactly. */
    public static String text(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return "0";
        }
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 60 != 0) {
            return seconds + "s";
        }
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds / 60 + "m";
    }
}
