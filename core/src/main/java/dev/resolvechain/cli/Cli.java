package dev.resolvechain.cli;

import dev.resolvechain.config.Config;
import dev.resolvechain.config.ConfigException;
import dev.resolvechain.config.ConfigLoader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of core: {@code explain}, {@code check}, {@code register}, {@code heartbeat}
 * and {@code unregister}, each a class of its own. Configuration comes from the same sources as the
 * agent's, plus {@code --config FILE} and {@code key=value} arguments (which rank as agent arguments).
 */
public final class Cli {
    public static final String USAGE = String.join("\n",
            "  explain NAME... [--json] [--resolver InetAddress|netty|dnsjava]   resolve each name (or address) through the chain, showing every step",
            "  explain NAME... --pid PID [--json]   the explanation from that running JVM's own chain, caches and health",
            "  status [PID] [--json]      without a PID: the JVMs of this user with the agent; with one: what its chain is doing",
            "  recent PID [--failed] [--since D] [--json]   the lookups that JVM recently failed or found slow",
            "  check                      validate the configuration and every alias file; list names with several owners",
            "  register OWNER IP[,IP...] NAME... [--scope SCOPE] [--ttl D]   write OWNER's registration (atomically; etcd: under a lease renewed while this runs, or lasting D)",
            "  heartbeat OWNER [--scope SCOPE]                     mark OWNER's registration as alive now (etcd: renew its lease)",
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
        String format = invocation.json ? "json" : "text";
        switch (command) {
            case "status":
                return invocation.names.isEmpty() ? PidCommand.list(out, err, invocation.json)
                        : PidCommand.ask(out, err, invocation.names.get(0), List.of("status", format));
            case "recent":
                long since = invocation.sinceMillis == 0 ? 0 : System.currentTimeMillis() - invocation.sinceMillis;
                return PidCommand.ask(out, err, invocation.names.isEmpty() ? null : invocation.names.get(0),
                        List.of("recent", format, invocation.failedOnly ? "failed" : "all", String.valueOf(since)));
            case "explain":
                if (invocation.pid != null && invocation.names.isEmpty()) {
                    err.println("resolvechain: explain needs at least one NAME");
                    return 2;
                } else if (invocation.pid != null) {
                    List<String> request = new ArrayList<>(List.of("explain", format));
                    request.addAll(invocation.names);
                    return PidCommand.ask(out, err, invocation.pid, request);
                }
                break;
            default:
                break;
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
