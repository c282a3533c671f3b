package dev.resolvechain.cli;

import dev.resolvechain.config.Settings;
import java.util.ArrayList;
import java.util.List;

/** The command line after the command: names, flags, and settings as an agent argument string. */
final class Invocation {
    final List<String> names = new ArrayList<>();
    boolean json;
    String scope;
    /** {@code --resolver}: for {@code explain}, the resolver it stands for. */
    ExplainedResolver resolver = ExplainedResolver.INET_ADDRESS;
    /** {@code --pid}: the running JVM to ask. */
    String pid;
    /** {@code recent --failed}. */
    boolean failedOnly;
    /** {@code recent --since D}: how far back, ms (0: all the JVM kept). */
    long sinceMillis;
    /** {@code register --ttl}: 0 when not given. */
    long ttlMillis;
    String settings = "";
    String error;

    static Invocation parse(List<String> arguments) {
        Invocation invocation = new Invocation();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--json")) {
                invocation.json = true;
            } else if (argument.equals("--config")) {
                if (i + 1 == arguments.size()) {
                    invocation.error = "--config needs a FILE";
                    return invocation;
                }
                pairs.add(Settings.CONFIG.key() + "=" + arguments.get(++i));
            } else if (argument.equals("--resolver")) {
                invocation.resolver = i + 1 == arguments.size() ? null : ExplainedResolver.named(arguments.get(++i));
                if (invocation.resolver == null) {
                    invocation.error = "--resolver needs one of " + ExplainedResolver.labels();
                    return invocation;
                }
            } else if (argument.equals("--pid") && i + 1 < arguments.size()) {
                invocation.pid = arguments.get(++i);
            } else if (argument.equals("--failed")) {
                invocation.failedOnly = true;
            } else if (argument.equals("--since")) {
                invocation.sinceMillis = i + 1 == arguments.size() ? -1 : PidCommand.millis(arguments.get(++i));
                if (invocation.sinceMillis < 0) {
                    invocation.error = "--since needs a duration: 500ms, 30s, 10m, 2h";
                    return invocation;
                }
            } else if (argument.equals("--ttl")) {
                invocation.ttlMillis = i + 1 == arguments.size() ? -1 : PidCommand.millis(arguments.get(++i));
                if (invocation.ttlMillis < 1000) {
                    invocation.error = "--ttl needs a duration of at least 1s: 10s, 5m, 1h";
                    return invocation;
                }
            } else if (argument.equals("--scope") && i + 1 < arguments.size()) {
                invocation.scope = arguments.get(++i);
            } else if (argument.startsWith("--config=")) {
                pairs.add(Settings.CONFIG.key() + "=" + argument.substring("--config=".length()));
            } else if (argument.startsWith("-")) {
                invocation.error = "unknown option " + argument;
                return invocation;
            } else if (argument.contains("=")) {
                pairs.add(argument);
            } else {
                invocation.names.add(argument);
            }
        }
        invocation.settings = String.join(";", pairs);
        return invocation;
    }
}
