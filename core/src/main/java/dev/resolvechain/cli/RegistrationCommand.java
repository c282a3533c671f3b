package dev.resolvechain.cli;

import dev.resolvechain.alias.directory.Registrations;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;

/** {@code register}, {@code heartbeat}, {@code unregister}: an owner's registration in the alias directory. */
final class RegistrationCommand {
    private RegistrationCommand() {
    }

    static int run(PrintStream out, PrintStream err, String command, Config config, Invocation invocation) {
        List<String> words = invocation.names;
        if (!config.isSet(Settings.ALIASES) || !Files.isDirectory(config.get(Settings.ALIASES))) {
            err.println("resolvechain: " + command + " needs 'aliases' set to the alias source directory");
            return 2;
        }
        boolean register = command.equals("register");
        if (words.isEmpty() || (register && words.size() < 3) || (!register && words.size() > 1)) {
            err.println("resolvechain: usage:\n" + Cli.USAGE);
            return 2;
        }
        Registrations registrations = new Registrations(config.get(Settings.ALIASES));
        String owner = words.get(0);
        try {
            switch (command) {
                case "register":
                    out.println("registered: " + registrations.register(owner, invocation.scope,
                            List.of(words.get(1).split(",")), words.subList(2, words.size())));
                    return 0;
                case "heartbeat":
                    if (registrations.heartbeat(owner, invocation.scope)) {
                        return 0;
                    }
                    err.println("resolvechain: owner " + owner + " has no registration");
                    return 1;
                default:
                    out.println(registrations.unregister(owner, invocation.scope) ? "unregistered: " + owner
                            : "owner " + owner + " had no registration");
                    return 0;
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("resolvechain: " + command + " " + owner + ": " + e.getMessage());
            return 1;
        }
    }
}
