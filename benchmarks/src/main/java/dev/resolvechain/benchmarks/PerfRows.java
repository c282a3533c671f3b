package dev.resolvechain.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rows a runner measured for the performance table, written to its {@code --rows FILE} at the end (nowhere without one). */
final class PerfRows {
    private final List<PerfRow> rows = new ArrayList<>();

    /** A row shown as "3.29x faster" or "1.48x slower". */
    PerfRows ratio(String key, String jdk, String what, double value, String baseline, double baselineValue, String unit) {
        rows.add(new PerfRow(key, jdk, what, value, baseline, baselineValue, unit, PerfRow.Compare.RATIO));
        return this;
    }

    /** A row shown as "+66.0 ms". */
    PerfRows difference(String key, String jdk, String what, double value, String baseline, double baselineValue, String unit) {
        rows.add(new PerfRow(key, jdk, what, value, baseline, baselineValue, unit, PerfRow.Compare.DIFFERENCE));
        return this;
    }

    void write(Path file) throws IOException {
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (PerfRow row : rows) {
            text.append(row.line()).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
