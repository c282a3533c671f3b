package dev.resolvechain;

/** One tier's part in a lookup, as recorded for {@code explain}. */
public record Step(String tier, Outcome outcome, String detail, long micros) {
}
