package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.resolvechain.testkit.jvm.JvmResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link dev.resolvechain.agent.it.child.Script} child (or another that speaks its protocol)
 * did: the harness's result, and the outcome of each command, {@code COMMAND -> RESULT} or
 * {@code COMMAND !! EXCEPTION: MESSAGE}.
 */
record ScriptResult(JvmResult jvm) {
    private static final String ANSWER = " -> ";
    private static final String THROWN = " !! ";

    /** Asserts exit status 0. */
    ScriptResult succeeded() {
        jvm.succeeded();
        return this;
    }

    int exitCode() {
        return jvm.exitCode();
    }

    String stdout() {
        return jvm.stdout();
    }

    String stderr() {
        return jvm.stderr();
    }

    List<String> stdoutLines() {
        return jvm.stdoutLines();
    }

    List<String> stderrLines() {
        return jvm.stderrLines();
    }

    /** Everything, for assertion messages. */
    String describe() {
        return jvm.describe();
    }

    /** What the one run of {@code command} returned; fails the test if it threw or ran other than once. */
    String answer(String command) {
        return single(command, ANSWER);
    }

    /** {@code EXCEPTION: MESSAGE} of the one run of {@code command}; fails the test if it did not throw. */
    String failure(String command) {
        return single(command, THROWN);
    }

    /** Each run of {@code command}, in order: {@code -> RESULT} or {@code !! EXCEPTION: MESSAGE}. */
    List<String> outcomes(String command) {
        List<String> outcomes = new ArrayList<>();
        for (String line : stdoutLines()) {
            if (line.startsWith(command + ANSWER) || line.startsWith(command + THROWN)) {
                outcomes.add(line.substring(command.length() + 1));
            }
        }
        return outcomes;
    }

    private String single(String command, String marker) {
        List<String> outcomes = outcomes(command);
        if (outcomes.size() != 1 || !outcomes.get(0).startsWith(marker.trim())) {
            fail("expected '" + command + marker.trim() + " ...' once, got " + outcomes + "\n" + describe());
        }
        return outcomes.get(0).substring(marker.length() - 1);
    }
}
