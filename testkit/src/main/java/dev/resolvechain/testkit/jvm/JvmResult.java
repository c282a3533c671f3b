package dev.resolvechain.testkit.jvm;

import java.util.List;

/** What a child JVM did: its command, exit status, standard output and standard error. */
public record JvmResult(String command, int exitCode, String stdout, String stderr) {

    /** Returns this when the exit status is 0; throws an AssertionError with everything otherwise. */
    public JvmResult succeeded() {
        if (exitCode != 0) {
            throw new AssertionError("exit status " + exitCode + ", expected 0\n" + describe());
        }
        return this;
    }

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    /** The non-blank lines of standard error. */
    public List<String> stderrLines() {
        return stderr.lines().filter(line -> !line.isBlank()).toList();
    }

    /** Everything, for assertion messages. */
    public String describe() {
        return "command: " + command + "\nexit status: " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr + "---";
    }
}
