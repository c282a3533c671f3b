package dev.resolvechain.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The protocol of a testkit server run as a process ({@link DnsServerProcess}, {@link LossyRelay}): one line
 * {@code READY ADDRESS PORT} once it serves, then one command a line on standard input, each answered by one line on
 * standard output ({@code ERROR reason} for one it cannot carry out), until {@code stop} or the end of the input.
 * {@link ServerProcess} is the other end.
 */
final class ProcessCommands {

    private final Map<String, Function<String, String>> commands = new LinkedHashMap<>();

    /** {@code action} carries out the command {@code name} given the rest of its line, and returns the line to answer. */
    ProcessCommands on(String name, Function<String, String> action) {
        commands.put(name, action);
        return this;
    }

    /** Says READY, then carries out the commands read from standard input; returns on {@code stop} or at its end. */
    void serve(InetSocketAddress listening) {
        PrintStream out = System.out;
        out.println("READY " + listening.getAddress().getHostAddress() + " " + listening.getPort());
        out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.strip().equals("stop"); line = in.readLine()) {
                out.println(answer(line.strip()));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String answer(String line) {
        String[] nameAndRest = line.split("\\s+", 2);
        Function<String, String> action = commands.get(nameAndRest[0]);
        if (action == null) {
            return "ERROR unknown command '" + line + "': one of " + commands.keySet() + " or stop";
        }
        try {
            return action.apply(nameAndRest.length == 2 ? nameAndRest[1] : "");
        } catch (RuntimeException e) {
            return "ERROR " + e.getMessage();
        }
    }

    /** The {@code --name value} pairs of a main's arguments, in order. */
    static List<Map.Entry<String, String>> options(String[] arguments) {
        List<Map.Entry<String, String>> options = new ArrayList<>();
        for (int i = 0; i < arguments.length; i += 2) {
            if (!arguments[i].startsWith("--") || i + 1 == arguments.length) {
                throw new IllegalArgumentException("expected --OPTION VALUE at '" + arguments[i] + "'");
            }
            options.add(Map.entry(arguments[i], arguments[i + 1]));
        }
        return options;
    }

    /** The value of the last {@code name} option, or {@code otherwise}. */
    static String last(List<Map.Entry<String, String>> options, String name, String otherwise) {
        return options.stream().filter(option -> option.getKey().equals(name)).reduce((first, second) -> second)
                .map(Map.Entry::getValue).orElse(otherwise);
    }

    /** Ends a main whose arguments are wrong: the reason and the usage on standard error, exit status 2. */
    static void exitWithUsage(String reason, String usage) {
        System.err.println(reason);
        System.err.println(usage);
        System.exit(2);
    }
}
