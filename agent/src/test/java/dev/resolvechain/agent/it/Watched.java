package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.resolvechain.testkit.jvm.RunningJvm;
import java.util.ArrayList;
import java.util.List;

/**
 * What a child running {@code watch:...} ({@link dev.resolvechain.agent.it.child.Script}) saw of one
 * target: each answer in order, from the time it was first returned.
 */
record Watched(String target, List<Watched.Seen> seen, ScriptResult result) {
    private static final String SEEN = "seen ";

    /** One answer, first returned at {@code atMillis} (epoch). */
    record Seen(String answer, long atMillis) {
    }

    /** {@code target} is {@code KIND=TARGET} as in the watch command, e.g. {@code all=web}. */
    static Watched of(ScriptResult result, String target) {
        String prefix = SEEN + target + " ";
        List<Seen> seen = new ArrayList<>();
        for (String line : result.stdoutLines()) {
            if (line.startsWith(prefix)) {
                int at = line.lastIndexOf(" @");
                seen.add(new Seen(line.substring(prefix.length(), at), Long.parseLong(line.substring(at + 2))));
            }
        }
        return new Watched(target, List.copyOf(seen), result);
    }

    /** The line a running child prints when {@code target} first answers {@code answer}, up to the time, for {@link RunningJvm#awaitLine}. */
    static String line(String target, String answer) {
        return SEEN + target + " " + answer + " @";
    }

    /** The answers in the order they came, each once per change. */
    List<String> answers() {
        List<String> answers = new ArrayList<>();
        for (Seen s : seen) {
            answers.add(s.answer());
        }
        return answers;
    }

    /** When {@code answer} was first returned at or after {@code fromMillis}; fails the test if never. */
    long firstSeen(String answer, long fromMillis) {
        for (Seen s : seen) {
            if (s.answer().equals(answer) && s.atMillis() >= fromMillis) {
                return s.atMillis();
            }
        }
        return fail(target + " never answered '" + answer + "' after " + fromMillis + "; saw " + seen + "\n" + result.describe());
    }

    /**
     * The time from {@code changedMillis} until {@code answer} was first returned after it (0 when
     * the child saw it first). The change's time is when the test noticed the file change, by
     * polling, and a loaded machine can make that a few ms late: an answer up to
     * {@link #NOTICE_SLACK_MILLIS} earlier counts as following the change.
     */
    long latency(String answer, long changedMillis) {
        return Math.max(0, firstSeen(answer, changedMillis - NOTICE_SLACK_MILLIS) - changedMillis);
    }

    static final long NOTICE_SLACK_MILLIS = 50;

    /** How many rounds of lookups the watch made, from its summary line. */
    static long rounds(ScriptResult result) {
        String summary = result.stdoutLines().stream().filter(l -> l.startsWith("watch:") && l.contains(" -> ")).findFirst()
                .orElseThrow(() -> new AssertionError("no watch summary\n" + result.describe()));
        String after = summary.substring(summary.indexOf(" -> ") + 4);
        return Long.parseLong(after.substring(0, after.indexOf(' ')));
    }
}
