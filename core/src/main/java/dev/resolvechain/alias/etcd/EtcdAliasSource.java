package dev.resolvechain.alias.etcd;

import dev.resolvechain.Log;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasSource;
import dev.resolvechain.files.Problem;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The alias source as an etcd prefix ({@code aliases=etcd://HOST:PORT[,HOST:PORT...]/PREFIX}): keys
 * {@code PREFIX/OWNER} and {@code PREFIX/SCOPE/OWNER}, each value an owner's registration in the alias
 * file syntax, usually under a lease that ends it when its owner stops renewing. Starts from the
 * snapshot of the last state when there is one, then follows etcd ({@link EtcdFollower}); no lookup
 * ever waits for etcd.
 */
public final class EtcdAliasSource implements AliasSource {
    /**
     * How long a JVM's start waits for etcd's first answer (a snapshot, if any, answers meanwhile): a cold JVM's first TLS
     * handshake and authentication took up to 2.2 s on a busy machine; under the default lookupTimeout (3 s).
     */
    static final Duration START_PATIENCE = Duration.ofMillis(2500);

    private final EtcdGateway gateway;
    private final EtcdOwners owners;
    private final AliasRegistry registry;
    private final EtcdSnapshot snapshot;
    private final Duration startPatience;
    private EtcdFollower follower;
    /** Closes the follower as the JVM exits: see {@link #start}. */
    private Thread closeAtExit;

    /**
     * @param scopes   those seen besides the unscoped owners; null: every scope ({@code check})
     * @param snapshot where the last state is kept; null: nowhere
     */
    public EtcdAliasSource(EtcdGateway gateway, Set<String> scopes, AliasRegistry registry, Path snapshot) {
        this(gateway, scopes, registry, snapshot, START_PATIENCE);
    }

    /** @param startPatience how long {@link #start} waits for etcd's first answer: at most the lookup timeout, which a lookup waits at most */
    public EtcdAliasSource(EtcdGateway gateway, Set<String> scopes, AliasRegistry registry, Path snapshot, Duration startPatience) {
        this.startPatience = startPatience.compareTo(START_PATIENCE) < 0 ? startPatience : START_PATIENCE;
        this.gateway = gateway;
        this.owners = new EtcdOwners(gateway.location(), scopes, registry);
        this.registry = registry;
        this.snapshot = snapshot == null ? null : new EtcdSnapshot(snapshot, gateway.location());
    }

    /** The default snapshot file of {@code location} for this user (see {@link EtcdSnapshot#defaultFile}). */
    public static Path defaultSnapshot(EtcdLocation location, java.util.Map<String, String> environment) {
        return EtcdSnapshot.defaultFile(location, environment);
    }

    @Override
    public String location() {
        return gateway.location().toString();
    }

    /** Loads the prefix once, on this thread; what stops it is a problem of the source. */
    @Override
    public void load() {
        try {
            new EtcdFollower(gateway, owners, registry, null).loadOnce();
        } catch (IOException | RuntimeException e) {
            registry.sourceProblems(List.of(new Problem(location(), 0, "etcd cannot be read: " + e.getMessage())));
        } finally {
            gateway.close();
        }
    }

    @Override
    public synchronized void start() {
        if (follower != null) {
            return;
        }
        follower = new EtcdFollower(gateway, owners, registry, snapshot);
        if (snapshot != null) {
            try {
                follower.startFrom(snapshot.read());
            } catch (NoSuchFileException e) {
                Log.debug("aliases: no snapshot " + snapshot.file() + " yet");
            } catch (IOException | RuntimeException e) {
                Log.warn("aliases: the snapshot is not used: " + e.getMessage());
            }
        }
        follower.start();
        closeAtExit(follower);
        follower.awaitFirstAttempt(startPatience.toMillis());
    }

    /**
     * Closes the watch as the JVM shuts down: the follower's thread waits in a socket read, a native call, and a JVM
     * that exits waits up to 300 ms for threads in native calls (hotspot's
     * {@code VM_Exit::wait_for_threads_in_native_to_block}), even daemon ones; as the directory's watcher does.
     */
    private void closeAtExit(final EtcdFollower started) {
        closeAtExit = new Thread(new Runnable() { // not a lambda: its bootstrap would cost milliseconds at start
            @Override
            public void run() {
                started.close();
            }
        }, "resolvechain-etcd-exit");
        try {
            Runtime.getRuntime().addShutdownHook(closeAtExit);
        } catch (IllegalStateException e) {
            // already shutting down
        } catch (SecurityException e) {
            Log.debug("no shutdown hook for the etcd alias source (the JVM may wait up to 300 ms at exit): " + e);
        }
    }

    @Override
    public synchronized void close() {
        if (follower != null) {
            follower.close();
        }
        if (closeAtExit != null && Thread.currentThread() != closeAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeAtExit);
            } catch (IllegalStateException | SecurityException e) {
                // shutting down (the hook runs, or ran, this close too), or never registered
            }
        }
    }
}
