package dev.resolvechain.cli;

import dev.resolvechain.alias.etcd.EtcdException;
import dev.resolvechain.alias.etcd.EtcdRegistrations;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code register} against etcd without {@code --ttl}: the registration lives as long as this command.
 * Its lease ({@link EtcdRegistrations#DEFAULT_TTL}) is renewed every third of its TTL; stopping the
 * command revokes it (the aliases go at once), killing it lets it expire. A lease lost while etcd was
 * away is replaced by a new registration.
 */
final class KeptRegistration {
    private final EtcdRegistrations registrations;
    private final PrintStream out;
    private final PrintStream err;
    private final String owner;
    private final String scope;
    private final List<String> addresses;
    private final List<String> names;
    private volatile long lease;

    KeptRegistration(EtcdRegistrations registrations, PrintStream out, PrintStream err, String owner, String scope, List<String> addresses,
                     List<String> names) {
        this.registrations = registrations;
        this.out = out;
        this.err = err;
        this.owner = owner;
        this.scope = scope;
        this.addresses = addresses;
        this.names = names;
    }

    /** Registers, then renews until the JVM is stopped; an EtcdException only when the first registration fails. */
    void run() throws EtcdException {
        register();
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                registrations.revokeQuietly(lease);
            }
        }, "resolvechain-unregister"));
        long every = EtcdRegistrations.DEFAULT_TTL.toMillis() / 3;
        while (true) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (registrations.keepAlive(lease) == 0) {
                    err.println("resolvechain: the lease of " + owner + " expired (etcd was away longer than its TTL): registering again");
                    register();
                }
            } catch (EtcdException | IllegalArgumentException e) {
                err.println("resolvechain: keeping " + owner + " registered: " + e.getMessage() + " (trying again in " + every + " ms)");
            }
        }
    }

    private void register() throws EtcdException {
        EtcdRegistrations.Registered registered = registrations.register(owner, scope, addresses, names, EtcdRegistrations.DEFAULT_TTL);
        lease = registered.lease();
        out.println("registered: " + registered.key() + " (lease " + Long.toUnsignedString(registered.lease()) + ", TTL "
                + registered.ttlSeconds() + " s, renewed until this command stops)");
        out.flush();
    }
}
