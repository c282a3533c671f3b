package dev.resolvechain;

import java.net.InetAddress;
import java.util.List;

/**
 * The result of one lookup with its whole story: every tier asked, what it did and how long it took.
 *
 * @param answeredBy the tier that answered, or {@code none}
 * @param hostName   for a reverse lookup that was answered, the name; otherwise null
 */
public record Resolution(String name, boolean reverse, List<InetAddress> addresses, String hostName,
                         String answeredBy, List<Step> steps, long micros) {

    public static final String NONE = "none";

    public Resolution {
        addresses = List.copyOf(addresses);
        steps = List.copyOf(steps);
    }

    public boolean resolved() {
        return !answeredBy.equals(NONE);
    }

    /** Whether every tier passed the name on: none answered it or failed it (a narrowed chain leaves it to what comes after). */
    public boolean passedOn() {
        return !resolved() && (steps.isEmpty() || steps.get(steps.size() - 1).outcome() == Outcome.FALLTHROUGH);
    }

    /**
     * Why the lookup failed, naming the tier that decided: the one that failed it, or, when every
     * tier passed, each tier's reason in order.
     */
    public String failureReason() {
        if (resolved()) {
            return "resolved by " + answeredBy;
        }
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last != null && last.outcome() == Outcome.FAIL) {
            return last.tier() + ": " + last.detail();
        }
        StringBuilder reason = new StringBuilder("no tier has it");
        for (Step step : steps) {
            reason.append("; ").append(step.tier()).append(": ").append(step.detail());
        }
        return reason.toString();
    }
}
