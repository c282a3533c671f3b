package dev.resolvechain.cli;

import dev.resolvechain.observe.ControlDirectory;
import dev.resolvechain.observe.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code status [PID]}, {@code recent PID} and {@code explain NAME... --pid PID}: asked of a running
 * JVM of this user through the {@link ControlDirectory} (no socket); the JVM answers from its own state.
 */
final class PidCommand {
    /** How long a JVM may take to answer. */
    static final long ANSWER_MILLIS = 5000;
    /** How long {@code status} without a PID waits for all the JVMs to say what is wrong. */
    static final long LIST_ANSWER_MILLIS = 2000;
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private PidCommand() {
    }

    /** {@code status} without a PID: every JVM of this user with the agent in it, and what each says is wrong. */
    static int list(PrintStream out, PrintStream err, boolean json) {
        ControlDirectory directory = ControlDirectory.forThisUser();
        if (!Files.isDirectory(directory.path())) {
            return json ? 0 : printNone(out);
        }
        List<Map<String, Object>> jvms = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory.ready().path(), "*.jvm")) {
            for (Path file : files) {
                Map<String, Object> jvm = jvm(file);
                if (jvm != null) {
                    jvms.add(jvm);
                }
            }
            for (Map<String, Object> jvm : jvms) {
                send(directory, (Long) jvm.get("pid"), List.of("problems", "text"));
            }
            long deadline = System.currentTimeMillis() + LIST_ANSWER_MILLIS;
            for (Map<String, Object> jvm : jvms) {
                String answer = await(directory, (Long) jvm.get("pid"), deadline);
                if (answer == null) {
                    Files.deleteIfExists(directory.request((Long) jvm.get("pid")));
                }
                jvm.put("problems", answer == null ? null : body(answer).lines().toList());
            }
        } catch (IOException e) {
            err.println("resolvechain: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        jvms.sort((a, b) -> Long.compare((Long) a.get("pid"), (Long) b.get("pid")));
        for (Map<String, Object> jvm : jvms) {
            out.println(json ? Json.write(jvm) : jvm.get("pid") + "  up " + jvm.get("uptimeSeconds") + " s  " + jvm.get("command") + "  chain: "
                    + jvm.get("chain") + "  problems: " + problemsText(jvm.get("problems")));
        }
        return jvms.isEmpty() && !json ? printNone(out) : 0;
    }

    private static String problemsText(Object problems) {
        if (problems == null) {
            return "(no answer within " + LIST_ANSWER_MILLIS / 1000 + " s)";
        }
        List<?> list = (List<?>) problems;
        return list.isEmpty() ? "none" : list.stream().map(String::valueOf).collect(Collectors.joining("; "));
    }

    private static int printNone(PrintStream out) {
        out.println("no JVM of this user runs the agent");
        return 0;
    }

    /** What {@code PID.jvm} says, or null (and the file removed) when that JVM has ended; null for a name that is no PID. */
    private static Map<String, Object> jvm(Path file) throws IOException {
        String name = file.getFileName().toString().replace(".jvm", "");
        if (name.isEmpty() || !name.chars().allMatch(Character::isDigit) || name.length() > 18) {
            return null;
        }
        long pid = Long.parseLong(name);
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            Files.deleteIfExists(file);
            return null;
        }
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("pid", pid);
        jvm.put("uptimeSeconds", process.get().info().startInstant()
                .map(start -> (System.currentTimeMillis() - start.toEpochMilli()) / 1000).orElse(-1L));
        jvm.put("command", String.join(" ", process.get().info().arguments().map(List::of).orElse(List.of())));
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.startsWith("chain=")) {
                jvm.put("chain", line.substring(eq + 1));
            }
        }
        return jvm;
    }

    /** Sends {@code request} (command, format, arguments) to JVM {@code pid} and prints its answer; returns the exit status it gives. */
    static int ask(PrintStream out, PrintStream err, String pidText, List<String> request) {
        if (pidText == null || !pidText.chars().allMatch(Character::isDigit) || pidText.isEmpty()) {
            err.println("resolvechain: " + request.get(0) + " needs a PID");
            return 2;
        }
        long pid = Long.parseLong(pidText);
        ControlDirectory directory = ControlDirectory.forThisUser();
        try {
            if (!Files.isDirectory(directory.path()) || !Files.exists(directory.ready().jvmFile(pid)) || ProcessHandle.of(pid).isEmpty()) {
                err.println("resolvechain: no JVM " + pid + " of this user runs the agent (nothing in " + directory.path() + ")");
                return 1;
            }
            send(directory, pid, request);
            String answer = await(directory, pid, System.currentTimeMillis() + ANSWER_MILLIS);
            if (answer != null) {
                out.print(body(answer));
                return Integer.parseInt(answer.substring(0, answer.indexOf('\n')).trim());
            }
            Files.deleteIfExists(directory.request(pid));
            err.println("resolvechain: JVM " + pid + " did not answer within " + ANSWER_MILLIS / 1000 + " s");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("resolvechain: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void send(ControlDirectory directory, long pid, List<String> request) throws IOException {
        Files.deleteIfExists(directory.response(pid));
        directory.write(directory.request(pid), String.join("\n", request));
    }

    /** The answer of JVM {@code pid} (its exit status, a newline, then what it says), or null if none came by {@code deadline}. */
    private static String await(ControlDirectory directory, long pid, long deadline) throws IOException, InterruptedException {
        while (true) {
            String answer = directory.take(directory.response(pid));
            if (answer != null && answer.indexOf('\n') > 0) {
                return answer;
            }
            if (System.currentTimeMillis() >= deadline) {
                return null;
            }
            Thread.sleep(20);
        }
    }

    /** What the JVM says, after the exit status on the first line. */
    private static String body(String answer) {
        return answer.substring(answer.indexOf('\n') + 1);
    }

    /** Milliseconds of {@code 10m}, {@code 30s}, {@code 2h}, {@code 500ms}; -1 when it is none of these. */
    static long millis(String duration) {
        Matcher matcher = DURATION.matcher(duration);
        if (!matcher.matches()) {
            return -1;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
    }
}
