package dev.resolvechain.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child JVM run to the end: its {@code RESULT key value} lines collected, its other lines
 * (standard output, then standard error) echoed, indented, as they come or once it ended.
 */
final class ChildJvm {
    final List<String> lines = new ArrayList<>();
    final Map<String, String> results = new LinkedHashMap<>();
    final int exitCode;

    private ChildJvm(List<String> command, boolean echo, String indent) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ", 3);
                    results.put(parts[1], parts.length > 2 ? parts[2] : "");
                } else if (echo) {
                    System.out.println(indent + line);
                }
            }
        }
        exitCode = process.waitFor();
    }

    /** Runs {@code java [jvmOptions] -cp <this jar> mainClass args} and waits for it. */
    static ChildJvm run(Path java, List<String> jvmOptions, Class<?> mainClass, List<String> args, boolean echo, String indent)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(Machine.ownJar().toString());
        command.add(mainClass.getName());
        command.addAll(args);
        return new ChildJvm(command, echo, indent);
    }

    /** Throws with the child's output when it failed. */
    ChildJvm orFail(String what) {
        if (exitCode != 0) {
            throw new IllegalStateException(what + " exited with " + exitCode + ":\n  " + String.join("\n  ", lines));
        }
        return this;
    }

    double result(String key) {
        String value = results.get(key);
        if (value == null) {
            throw new IllegalStateException("no RESULT " + key + " in:\n  " + String.join("\n  ", lines));
        }
        return Double.parseDouble(value);
    }
}
