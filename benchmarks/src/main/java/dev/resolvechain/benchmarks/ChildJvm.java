package dev.resolvechain.benchmarks;

import dev.resolvechain.testkit.jvm.JvmLaunch;
import dev.resolvechain.testkit.jvm.JvmResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A runner's child JVM run to its end through the testkit's harness: its {@code RESULT key value}
 * lines collected, its other lines echoed, indented, as they come.
 */
final class ChildJvm {
    private static final String RESULT = "RESULT ";
    /** A child measures for minutes; only one that hangs is killed. */
    private static final Duration LIMIT = Duration.ofHours(1);

    private final JvmResult jvm;
    private final Map<String, String> results = new LinkedHashMap<>();

    private ChildJvm(JvmResult jvm) {
        this.jvm = jvm;
        for (String line : jvm.stdoutLines()) {
            if (line.startsWith(RESULT)) {
                String[] parts = line.split(" ", 3);
                results.put(parts[1], parts.length > 2 ? parts[2] : "");
            }
        }
    }

    /** Runs {@code main} (of this jar) with {@code args} as {@code launch} says, and waits for it. */
    static ChildJvm run(JvmLaunch launch, Class<?> main, List<String> args, boolean echo, String indent) {
        if (echo) {
            launch.onStdout(line -> {
                if (!line.startsWith(RESULT)) {
                    System.out.println(indent + line);
                }
            }).onStderr(line -> System.out.println(indent + line));
        }
        return new ChildJvm(launch.timeout(LIMIT).main(main, args.toArray(String[]::new)).run());
    }

    /** Its lines: standard output, then standard error. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(jvm.stdoutLines());
        lines.addAll(jvm.stderrLines());
        return lines;
    }

    /** Throws with the child's output when it failed. */
    ChildJvm orFail(String what) {
        if (jvm.exitCode() != 0) {
            throw new IllegalStateException(what + " failed:\n" + jvm.describe());
        }
        return this;
    }

    double result(String key) {
        return Double.parseDouble(text(key));
    }

    /** The value of {@code RESULT key value} as printed. */
    String text(String key) {
        String value = results.get(key);
        if (value == null) {
            throw new IllegalStateException("no RESULT " + key + " in:\n" + jvm.describe());
        }
        return value;
    }
}
