package dev.resolvechain.observe;

import dev.resolvechain.Configured;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Step;
import dev.resolvechain.Tier;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** The tiers in order and each one's settings, as {@code explain} and {@code status} show them. */
    public static Map<String, Object> chainConfig(ResolveChain chain) {
        Map<String, Object> config = new LinkedHashMap<>();
        List<String> tiers = new ArrayList<>();
        config.put("tiers", tiers);
        for (Tier tier : chain.tiers()) {
            tiers.add(tier.name());
            if (tier instanceof Configured configured) {
                config.putAll(configured.settings());
            }
        }
        config.put("lookupTimeoutMillis", chain.lookupTimeout().toMillis());
        return config;
    }

    /** {@code reverse}, {@code addresses}, {@code hostName}, {@code answeredBy}, {@code micros}, {@code steps} and, on a failure, {@code error}. */
    public static Map<String, Object> json(Resolution resolution) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reverse", resolution.reverse());
        List<String> addresses = new ArrayList<>();
        resolution.addresses().forEach(a -> addresses.add(a.getHostAddress()));
        json.put("addresses", addresses);
        json.put("hostName", resolution.hostName());
        json.put("answeredBy", resolution.answeredBy());
        json.put("micros", resolution.micros());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step step : resolution.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("tier", step.tier());
            s.put("outcome", step.outcome().label());
            s.put("detail", step.detail());
            s.put("micros", step.micros());
            steps.add(s);
        }
        json.put("steps", steps);
        if (!resolution.resolved()) {
            json.put("error", resolution.failureReason());
        }
        return json;
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
