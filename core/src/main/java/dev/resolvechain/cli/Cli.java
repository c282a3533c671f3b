package dev.resolvechain.cli;

import dev.resolvechain.config.Config;
import dev.resolvechain.config.ConfigException;
import dev.resolvechain.config.ConfigLoader;
import java.io.PrintStream;
import java.util.List;

/**
 * The command line of core: {@code explain}, {@code check}, {@code register}, {@code heartbeat}
 * and {@code unregister}, each a class of its own. Configuration comes from the same sources as the
 * agent's, plus {@code --config FILE} and {@code key=value} arguments (which rank as agent arguments).
 */
public final class Cli {
    public static final String USAGE = String.join("\n",
            "  explain NAME... [--json] [--resolver InetAddress|netty|dnsjava]   resolve each name (or address) through the chain, showing every step",
            "  check                      validate the configuration and every alias file; list names with several owners",
            "  register OWNER IP[,IP...] NAME... [--scope SCOPE]   write OWNER's registration (atomically)",
            "  heartbeat OWNER [--scope SCOPE]                     mark OWNER's registration as alive now",
            "  unregister OWNER [--scope SCOPE]                    remove OWNER's registration",
            "  options: --config FILE, key=value (any configuration key)");

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code command} with its arguments; returns the exit status. */
    public int run(String command, List<String> arguments) {
        Invocation invocation = Invocation.parse(arguments);
        if (invocation.error != null) {
            err.println("resolvechain: " + invocation.error);
            return 2;
        }
        Config config;
        try {
            config = ConfigLoader.fromSystem(invocation.settings);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> err.println("resolvechain: " + problem));
            return command.equals("check") ? 1 : 2;
        }
        switch (command) {
            case "explain":
                return ExplainCommand.run(out, err, config, invocation.names, invocation.json, invocation.resolver);
            case "check":
                return CheckCommand.run(out, config);
            case "register":
            case "heartbeat":
            case "unregister":
                return RegistrationCommand.run(out, err, command, config, invocation);
            default:
                err.println("resolvechain: unknown command '" + command + "'\n" + USAGE);
                return 2;
        }
    }
}
