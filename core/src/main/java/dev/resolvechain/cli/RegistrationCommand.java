package dev.resolvechain.cli;

import dev.resolvechain.alias.OwnerRegistrations;
import dev.resolvechain.alias.directory.Registrations;
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
            Registrations directory = etcd ? null : new Registrations(Path.of(config.get(Settings.ALIASES)));
            EtcdRegistrations keys = etcd ? new EtcdRegistrations(AliasSources.etcd(config, ChainFactory.memberAddresses(config, System.getenv())))
                    : null;
            OwnerRegistrations registrations = etcd ? keys : directory;
            switch (command) {
                case "register":
                    List<String> addresses = List.of(words.get(1).split(","));
                    List<String> names = words.subList(2, words.size());
                    if (!etcd) {
                        out.println("registered: " + directory.register(owner, invocation.scope, addresses, names));
                    } else if (invocation.ttlMillis > 0) {
                        EtcdRegistrations.Registered registered = keys.register(owner, invocation.scope, addresses, names,
                                Duration.ofMillis(invocation.ttlMillis));
                        out.println("registered: " + registered.key() + " (lease " + Long.toUnsignedString(registered.lease()) + ", "
                                + registered.ttlSeconds() + " s unless heartbeat renews it)");
                    } else {
                        new KeptRegistration(keys, out, err, owner, invocation.scope, addresses, names).run();
                    }
                    return 0;
                case "heartbeat":
                    if (registrations.heartbeat(owner, invocation.scope)) {
                        return 0;
                    }
                    err.println("resolvechain: owner " + owner + " has no registration");
                    return 1;
                default:
                    out.println(registrations.unregister(owner, invocation.scope) ? "unregistered: " + owner : "owner " + owner + " had no registration");
                    return 0;
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("resolvechain: " + command + " " + owner + ": " + e.getMessage());
            return 1;
        }
    }
}
