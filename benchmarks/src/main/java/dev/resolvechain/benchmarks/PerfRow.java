package dev.resolvechain.benchmarks;

import java.util.Locale;

/**
 * One row of the performance table as a runner measured it: resolvechain's figure and its baseline's, from the same
 * run, in one unit in which lower is better (a time, a size). A runner writes its rows with {@code --rows FILE}
 * ({@link PerfRows}), one line each, tab-separated:
 * {@code key, JDK (full version), what, figure, baseline, baseline's figure, unit, ratio|difference}.
 * {@code ratio} shows the comparison as "3.29x faster", {@code difference} as "+66.0 ms".
 */
record PerfRow(String key, String jdk, String what, double value, String baseline, double baselineValue, String unit, Compare compare) {
    static final int FIELDS = 8;

    enum Compare {
        RATIO, DIFFERENCE
    }

    enum Verdict {
        WIN("a win"), LOSS("a loss"), EVEN("even");

        final String words;

        Verdict(String words) {
            this.words = words;
        }
    }

    PerfRow {
        for (String text : new String[] {key, jdk, what, baseline, unit}) {
            if (text == null || text.isBlank() || text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a row's text field is empty or holds a tab or newline: '" + text + "'");
            }
        }
        if (!Double.isFinite(value) || !Double.isFinite(baselineValue)) {
            throw new IllegalArgumentException(key + " on " + jdk + ": not a number (" + value + " vs " + baselineValue + ")");
        }
    }

    /** Parses a line as {@link #line()} writes it; IllegalArgumentException saying what is wrong. */
    static PerfRow parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != FIELDS) {
            throw new IllegalArgumentException(FIELDS + " tab-separated fields expected, " + fields.length + " in: " + line);
        }
        return new PerfRow(fields[0], fields[1], fields[2], number(fields[3], line), fields[4], number(fields[5], line), fields[6],
                compare(fields[7], line));
    }

    String line() {
        return String.join("\t", key, jdk, what, Double.toString(value), baseline, Double.toString(baselineValue), unit,
                compare.name().toLowerCase(Locale.ROOT));
    }

    /** Lower is better: a win when resolvechain's figure is the lower. */
    Verdict verdict() {
        return value < baselineValue ? Verdict.WIN : value > baselineValue ? Verdict.LOSS : Verdict.EVEN;
    }

    /**
     * "3.29x faster" or "1.48x slower" (the higher figure over the lower; "smaller"/"larger" for sizes), or "+66.0 ms";
     * a ratio with a zero figure is shown as the difference.
     */
    String comparison() {
        if (compare == Compare.DIFFERENCE || value == 0 || baselineValue == 0) {
            return Interleaved.signed(value - baselineValue) + " " + unit;
        }
        boolean size = unit.endsWith("B");
        return switch (verdict()) {
            case WIN -> Report.number(baselineValue / value) + "x " + (size ? "smaller" : "faster");
            case LOSS -> Report.number(value / baselineValue) + "x " + (size ? "larger" : "slower");
            case EVEN -> "1.00x";
        };
    }

    private static double number(String text, String line) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number in: " + line);
        }
    }

    private static Compare compare(String text, String line) {
        return switch (text) {
            case "ratio" -> Compare.RATIO;
            case "difference" -> Compare.DIFFERENCE;
            default -> throw new IllegalArgumentException("'" + text + "' is neither ratio nor difference in: " + line);
        };
    }
}
