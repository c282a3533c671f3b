package dev.resolvechain.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the command lines of the testkit's processes write them: {@code 800ms}, {@code 2s}, {@code 250us}, {@code 10ns}. */
final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)(s|ms|us|ns)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("s", 1_000_000_000L, "ms", 1_000_000L, "us", 1_000L, "ns", 1L);
    private static final List<String> LARGEST_FIRST = List.of("s", "ms", "us", "ns");

    private Durations() {}

    static Duration parse(String text) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 800ms or 2s");
        }
        return Duration.ofNanos(Math.multiplyExact(Long.parseLong(matcher.group(1)), NANOS_PER_UNIT.get(matcher.group(2))));
    }

    /** In the largest unit that keeps it exact, as {@link #parse} reads it back. */
    static String format(Duration duration) {
        long nanos = duration.toNanos();
        String unit = LARGEST_FIRST.stream().filter(candidate -> nanos % NANOS_PER_UNIT.get(candidate) == 0).findFirst().orElseThrow();
        return nanos / NANOS_PER_UNIT.get(unit) + unit;
    }
}
