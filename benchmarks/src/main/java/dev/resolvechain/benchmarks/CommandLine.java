package dev.resolvechain.benchmarks;

import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A runner's command line, read option by option:
 * {@code while (line.next()) { switch (line.option()) { case "--ops" -> ops = line.intValue(); ... default -> line.unknown(); } }}.
 * {@code -h}/{@code --help} prints the usage and ends the program; a bad option or value prints
 * what is wrong and the usage, and ends it with status 2.
 */
final class CommandLine {
    private final String[] args;
    private final String usage;
    private int at = -1;

    CommandLine(String[] args, String usage) {
        this.args = args;
        this.usage = usage;
    }

    /** Moves to the next option; false after the last. */
    boolean next() {
        at++;
        if (at < args.length && (args[at].equals("-h") || args[at].equals("--help"))) {
            System.out.println(usage);
            System.exit(0);
        }
        return at < args.length;
    }

    String option() {
        return args[at];
    }

    /** The current option's value, the next argument. */
    String value() {
        String option = option();
        if (at + 1 >= args.length) {
            throw fail(option + " needs a value");
        }
        return args[++at];
    }

    int intValue() {
        return (int) longValue();
    }

    long longValue() {
        String option = option();
        String value = value();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw fail(option + " needs a number, not '" + value + "'");
        }
    }

    Path path() {
        return Path.of(value()).toAbsolutePath();
    }

    Jdk jdk() {
        return Jdk.of(Path.of(value()));
    }

    /** For the {@code default} of the switch: the current option is none of the runner's. */
    void unknown() {
        throw fail("unknown option: " + option());
    }

    /** Prints {@code problem} and the usage, and ends the program with status 2. */
    IllegalStateException fail(String problem) {
        System.err.println(problem + "\n" + usage);
        System.exit(2);
        return new IllegalStateException(problem); // not reached
    }

    /** {@code given} (an {@code --agent} option) or the agent built by this checkout; ends the program when there is none. */
    static Path agentJar(Path given) {
        Path agent = given != null ? given : JvmLaunch.agentJar();
        if (!Files.isRegularFile(agent)) {
            System.err.println("no agent jar at " + agent + ": build it first (mvn -q -o package -DskipTests) or pass --agent");
            System.exit(2);
        }
        return agent;
    }
}
