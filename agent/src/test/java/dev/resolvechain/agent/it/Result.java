package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * What a child JVM did: exit status, stdout, stderr. For a {@link dev.resolvechain.agent.it.child.Script}
 * child, the outcome of each command: {@code COMMAND -> RESULT} or {@code COMMAND !! EXCEPTION: MESSAGE}.
 */
record Result(String command, int exitCode, String stdout, String stderr) {
    private static final String ANSWER = " -> ";
    private static final String THROWN = " !! ";

    /** Asserts exit status 0. */
    Result succeeded() {
        assertEquals(0, exitCode, () -> "exit status\n" + describe());
        return this;
    }

    List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    List<String> stderrLines() {
        return stderr.lines().filter(line -> !line.isBlank()).toList();
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

    /** Everything, for assertion messages. */
    String describe() {
        return "command: " + command + "\nexit status: " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr + "---";
    }
}
