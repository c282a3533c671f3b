package dev.resolvechain.cli;

import dev.resolvechain.alias.directory.Registrations;
import dev.resolvechain.alias.etcd.EtcdException;
import dev.resolvechain.alias.etcd.EtcdRegistrations;
import dev.resolvechain.assembly.AliasSources;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code register}, {@code heartbeat}, {@code unregister}: an owner's registration in the alias source,
 * a file in the alias directory or a key under a lease in etcd.
 */
final class RegistrationCommand {
    private RegistrationCommand() {
    }

    static int run(PrintStream out, PrintStream err, String command, Config config, Invocation invocation) {
        List<String> words = invocation.names;
        boolean etcd = AliasSources.isEtcd(config);
        if (!config.isSet(Settings.ALIASES) || !etcd && !Files.isDirectory(Path.of(config.get(Settings.ALIASES)))) {
            err.println("resolvechain: " + command + " needs 'aliases' set to the alias source directory or an etcd location");
            return 2;
        }
        boolean register = command.equals("register");
        if (words.isEmpty() || (register && words.size() < 3) || (!register && words.size() > 1)
                || (invocation.ttlMillis > 0 && (!register || !etcd))) {
            err.println("resolvechain: usage:\n" + Cli.USAGE);
            return 2;
        }
        String owner = words.get(0);
        try {
            return etcd ? etcd(out, err, command, config, invocation) : directory(out, err, command, config, invocation);
        } catch (IllegalArgumentException | IOException e) {
            err.println("resolvechain: " + command + " " + owner + ": " + e.getMessage());
            return 1;
        }
    }

    private static int directory(PrintStream out, PrintStream err, String command, Config config, Invocation invocation) throws IOException {
        Registrations registrations = new Registrations(Path.of(config.get(Settings.ALIASES)));
        List<String> words = invocation.names;
        String owner = words.get(0);
        switch (command) {
            case "register":
                out.println("registered: " + registrations.register(owner, invocation.scope, List.of(words.get(1).split(",")),
                        words.subList(2, words.size())));
                return 0;
            case "heartbeat":
                return alive(err, owner, registrations.heartbeat(owner, invocation.scope));
            default:
                out.println(registrations.unregister(owner, invocation.scope) ? "unregistered: " + owner : "owner " + owner + " had no registration");
                return 0;
        }
    }

    private static int etcd(PrintStream out, PrintStream err, String command, Config config, Invocation invocation) throws EtcdException {
        EtcdRegistrations registrations = new EtcdRegistrations(AliasSources.etcd(config, ChainFactory.memberAddresses(config, System.getenv())));
        List<String> words = invocation.names;
        String owner = words.get(0);
        switch (command) {
            case "register":
                List<String> addresses = List.of(words.get(1).split(","));
                List<String> names = words.subList(2, words.size());
                if (invocation.ttlMillis > 0) {
                    EtcdRegistrations.Registered registered = registrations.register(owner, invocation.scope, addresses, names,
                            Duration.ofMillis(invocation.ttlMillis));
                    out.println("registered: " + registered.key() + " (lease " + Long.toUnsignedString(registered.lease()) + ", "
                            + registered.ttlSeconds() + " s unless heartbeat renews it)");
                    return 0;
                }
                new KeptRegistration(registrations, out, err, owner, invocation.scope, addresses, names).run();
                return 0;
            case "heartbeat":
                return alive(err, owner, registrations.heartbeat(owner, invocation.scope));
            default:
                out.println(registrations.unregister(owner, invocation.scope) ? "unregistered: " + owner : "owner " + owner + " had no registration");
                return 0;
        }
    }

    private static int alive(PrintStream err, String owner, boolean registered) {
        if (!registered) {
            err.println("resolvechain: owner " + owner + " has no registration");
            return 1;
        }
        return 0;
    }
}
