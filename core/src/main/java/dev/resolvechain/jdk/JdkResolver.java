package dev.resolvechain.jdk;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.observe.LookupLog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chain in the shape the JDK's resolver hooks want: addresses named after the host that was
 * asked, and {@link UnknownHostException} (never anything else) saying which tier decided and why.
 *
 * <p>A lookup made while this thread is already inside the chain (a logging back-end or library
 * resolving a name on the chain's own behalf) is never sent into the chain again: it goes to the
 * JDK's own resolver when there is one, and fails otherwise. The count of such lookups is kept so
 * tests and {@code status} can show that the chain itself never does it.
 */
public final class JdkResolver {
    /** The JDK's own resolver, for lookups that must not enter the chain. */
    public interface Platform {
        InetAddress[] lookup(String host, AddressPolicy policy) throws UnknownHostException;

        String reverse(byte[] address) throws UnknownHostException;
    }

    private static final ThreadLocal<Boolean> IN_CHAIN = new ThreadLocal<>();

    /** How {@code InetAddress} lookups are named in the {@link LookupLog}. */
    public static final String INET_ADDRESS = "InetAddress";

    private final ChainStart start;
    /** The tiers kept by {@link #narrowedTo}; null: every tier. */
    private final Set<String> kept;
    /** The chain narrowed to {@link #kept}, once the chain is built. */
    private volatile ResolveChain narrowedChain;
    private final Platform platform;
    private final AtomicLong nestedLookups;
    private final LookupLog log;
    private final String resolver;
    /** A narrowed chain's resolutions that every tier passed on go to the library's own servers: they are not failures. */
    private final boolean narrowed;

    public JdkResolver(ResolveChain chain, Platform platform) {
        this(ChainStart.of(chain), platform);
    }

    /** A resolver whose chain may still be being built: see {@link ChainStart}. */
    public JdkResolver(ChainStart start, Platform platform) {
        this(start, null, platform, new AtomicLong(), new LookupLog(), INET_ADDRESS, false);
    }

    private JdkResolver(ChainStart start, Set<String> kept, Platform platform, AtomicLong nestedLookups, LookupLog log, String resolver,
                        boolean narrowed) {
        this.start = start;
        this.kept = kept;
        this.platform = platform;
        this.nestedLookups = nestedLookups;
        this.log = log;
        this.resolver = resolver;
        this.narrowed = narrowed;
    }

    /** The same chain and log, its lookups recorded as coming through {@code resolver} ({@code netty}, {@code dnsjava}). */
    public JdkResolver as(String resolver) {
        return new JdkResolver(start, kept, platform, nestedLookups, log, resolver, narrowed);
    }

    /** The same, with only the tiers named {@code kept} (see {@link ResolveChain#narrowedTo}) and no platform resolver. */
    public JdkResolver narrowedTo(Set<String> kept) {
        return new JdkResolver(start, kept, null, nestedLookups, log, resolver, true);
    }

    /** The chain, waiting for it while it is being built at JVM start (see {@link ChainStart#await}). */
    public ResolveChain chain() {
        return chainOf(start.await());
    }

    private ResolveChain chainOf(ResolveChain chain) {
        if (kept == null || chain != start.now()) {
            return chain; // every tier, or a chain not built yet, which fails as it is
        }
        ResolveChain narrowed = narrowedChain;
        if (narrowed == null) {
            narrowed = chain.narrowedTo(kept);
            narrowedChain = narrowed;
        }
        return narrowed;
    }

    /** What this JVM's lookups through the chain did. */
    public LookupLog log() {
        return log;
    }

    public long nestedLookups() {
        return nestedLookups.get();
    }

    public InetAddress[] lookup(String host, AddressPolicy policy) throws UnknownHostException {
        if (nested()) {
            return platform(host).lookup(host, policy);
        }
        ResolveChain chain = chain();
        if (start.failed() && platform != null) {
            return platform.lookup(host, policy); // the chain could not be built (said then): the JDK's own resolver, as before the agent
        }
        Resolution resolution = recorded(guarded(chain, host, policy, null, false));
        if (!resolution.resolved()) {
            throw failure(host, resolution);
        }
        return addresses(host, resolution);
    }

    /** The chain's resolution of {@code host}, with lookups the chain makes meanwhile kept out of it. */
    public Resolution resolve(String host, AddressPolicy policy) {
        ResolveChain chain = chain();
        return recorded(guarded(chain, host, policy, null, false));
    }

    /** The chain's resolution of {@code host} if it needs no wait (see {@link ResolveChain#lookupAtOnce}); null otherwise. */
    public Resolution resolveAtOnce(String host, AddressPolicy policy) {
        ResolveChain built = start.now();
        if (built == null) {
            return null; // still being built: the caller must not wait for it
        }
        ResolveChain chain = chainOf(built);
        Resolution resolution = guarded(chain, host, policy, null, true);
        return resolution == null ? null : recorded(resolution);
    }

    /** The chain's resolution of {@code address} (4 or 16 bytes) to a name, as {@link #resolve} guarded. */
    public Resolution resolveReverse(byte[] address) {
        ResolveChain chain = chain();
        return recorded(guarded(chain, null, null, address, false));
    }

    private Resolution recorded(Resolution resolution) {
        if (!(narrowed && resolution.passedOn())) {
            log.record(resolver, resolution);
        }
        return resolution;
    }

    /** A resolution's addresses, each named {@code host}, as the application asked. */
    public static InetAddress[] addresses(String host, Resolution resolution) {
        List<InetAddress> addresses = resolution.addresses();
        InetAddress[] named = new InetAddress[addresses.size()];
        for (int i = 0; i < named.length; i++) {
            named[i] = IpLiteral.withName(host, addresses.get(i));
        }
        return named;
    }

    /** What a lookup of {@code host} that did not resolve throws: which tier decided, and why. */
    private static UnknownHostException failure(String host, Resolution resolution) {
        return new UnknownHostException("resolvechain: " + host + ": " + resolution.failureReason());
    }

    /**
     * The chain's first tier's plain answer for {@code host} (see {@link dev.resolvechain.FastPath}),
     * without the chain's bookkeeping; null otherwise. For the agent's JDK-cache entries.
     */
    public InetAddress[] fastAnswer(String host, AddressPolicy policy) {
        ResolveChain chain = start.now();
        return chain == null ? null : chain.fastAnswer(host, policy);
    }

    public String reverse(byte[] address) throws UnknownHostException {
        if (nested()) {
            return platform("a reverse lookup").reverse(address);
        }
        ResolveChain chain = chain();
        if (start.failed() && platform != null) {
            return platform.reverse(address);
        }
        Resolution resolution = recorded(guarded(chain, null, null, address, false));
        if (!resolution.resolved()) {
            throw failure(resolution.name(), resolution);
        }
        return resolution.hostName();
    }

    private boolean nested() {
        if (IN_CHAIN.get() == null) {
            return false;
        }
        nestedLookups.incrementAndGet();
        return true;
    }

    private Platform platform(String what) throws UnknownHostException {
        if (platform == null) {
            throw new UnknownHostException("resolvechain: " + what + ": asked from inside the chain itself; refused to avoid recursion");
        }
        return platform;
    }

    /**
     * The chain's resolution of {@code host} (at once only, when {@code atOnce}), or of {@code address}
     * when it is not null, with lookups the chain makes meanwhile kept out of it. Arguments, not a
     * lambda: this is on a JVM's first lookup, where each lambda costs a bootstrap.
     */
    private static Resolution guarded(ResolveChain chain, String host, AddressPolicy policy, byte[] address, boolean atOnce) {
        IN_CHAIN.set(Boolean.TRUE);
        try {
            return address != null ? chain.reverse(address) : atOnce ? chain.lookupAtOnce(host, policy) : chain.lookup(host, policy);
        } finally {
            IN_CHAIN.remove();
        }
    }

}
