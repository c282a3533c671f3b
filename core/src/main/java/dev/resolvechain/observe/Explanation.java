package dev.resolvechain.observe;

import dev.resolvechain.Resolution;
import dev.resolvechain.Step;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A resolution as {@code explain} prints it: the answer (or why none) and every step, one per line. */
public final class Explanation {
    private Explanation() {
    }

    /** The name, then {@link #steps}. */
    public static String text(Resolution resolution) {
        return resolution.name() + "\n" + steps(resolution);
    }

    /** {@code   answer: 192.0.2.146  (by alias, 0.640 ms)} and {@code   1. alias  answer  0.624 ms  DETAIL}, one line each. */
    public static String steps(Resolution resolution) {
        StringBuilder text = new StringBuilder();
        if (resolution.resolved()) {
            String answer = resolution.reverse() ? resolution.hostName() : addresses(resolution.addresses());
            text.append("  answer: ").append(answer).append("  (by ").append(resolution.answeredBy())
                    .append(", ").append(millis(resolution.micros())).append(")\n");
        } else {
            text.append("  no answer: ").append(resolution.failureReason()).append("  (")
                    .append(millis(resolution.micros())).append(")\n");
        }
        int index = 1;
        for (Step step : resolution.steps()) {
            text.append(String.format(Locale.ROOT, "  %d. %-6s %-12s %9s  %s%n", index++, step.tier(),
                    step.outcome().label(), millis(step.micros()), step.detail()));
        }
        return text.toString().stripTrailing();
    }

    private static String addresses(List<InetAddress> addresses) {
        List<String> list = new ArrayList<>(addresses.size());
        addresses.forEach(a -> list.add(a.getHostAddress()));
        return String.join(", ", list);
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
    }
}
