package dev.resolvechain.agent.libraries;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Log;
import dev.resolvechain.Resolution;
import dev.resolvechain.assembly.HostNameservers;
import dev.resolvechain.jdk.JdkResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Netty's {@code DnsNameResolver} answered by the chain (the code {@link ClassWeaver} weaves into {@code doResolve} calls
 * {@link #test}). A name the chain decides from memory (an alias, a hosts-file line, the host tier's
 * cached answer: {@link dev.resolvechain.Tier#decidesAtOnce}) completes the promise at
 * once, on the calling thread (an event loop, often); anything that may wait on a file or the network
 * runs on {@link LookupThreads}. A resolver given nameservers of its own (not those of the host's
 * resolv.conf) is asked the narrowed chain first (alias, local); a name that chain passes on goes to
 * Netty as it would have. Netty is reached by reflection only: its classes are the application's.
 */
final class NettyLookups implements Predicate<Object[]> {
    /** How its lookups are named in the chain's log (status, recent, JFR). */
    static final String RESOLVER = "netty";
    /** The narrowed chain's tiers: those a resolver's own nameservers do not replace. */
    static final Set<String> BEFORE_OWN_NAMESERVERS = Set.of("alias", "local");
    /** Set while this thread hands a name back to Netty: the woven method then runs as Netty wrote it. */
    private static final ThreadLocal<Boolean> HANDED_BACK = new ThreadLocal<>();

    private final JdkResolver chain;
    private final JdkResolver beforeOwnNameservers;
    private final HostNameservers hostNameservers;
    private final Executor threads;
    private final Map<Object, Boolean> ownNameservers = Collections.synchronizedMap(new WeakHashMap<>());

    NettyLookups(JdkResolver chain, HostNameservers hostNameservers, Executor threads) {
        this.chain = chain.as(RESOLVER);
        this.beforeOwnNameservers = this.chain.narrowedTo(BEFORE_OWN_NAMESERVERS);
        this.hostNameservers = hostNameservers;
        this.threads = threads;
    }

    /** {@code call}: the resolver, the host, the promise, the method's name. */
    @Override
    public boolean test(Object[] call) {
        Object resolver = call[0];
        String host = (String) call[1];
        if (HANDED_BACK.get() != null || host == null || host.isEmpty() || IpLiteral.parse(host) != null) {
            return false; // Netty answers these itself, without asking anyone
        }
        NettyPromise promise = new NettyPromise(call[2], "doResolveAll".equals(call[3]));
        boolean own = ownNameservers.computeIfAbsent(resolver, this::hasOwnNameservers);
        JdkResolver asked = own ? beforeOwnNameservers : chain;
        AddressPolicy policy = LibraryReflection.policy(resolver);
        InetAddress[] plain = asked.fastAnswer(host, policy);
        if (plain != null) {
            promise.succeed(plain);
            return true;
        }
        Resolution atOnce = asked.resolveAtOnce(host, policy);
        if (atOnce != null && !(own && atOnce.passedOn())) {
            complete(atOnce, host, promise);
        } else {
            threads.execute(() -> resolve(asked, own, resolver, host, policy, promise));
        }
        return true;
    }

    private static void complete(Resolution resolution, String host, NettyPromise promise) {
        if (resolution.resolved()) {
            promise.succeed(JdkResolver.addresses(host, resolution));
        } else {
            promise.fail(failure(host, resolution.failureReason(), null));
        }
    }

    private void resolve(JdkResolver asked, boolean own, Object resolver, String host, AddressPolicy policy, NettyPromise promise) {
        try {
            Resolution resolution = asked.resolve(host, policy);
            if (own && resolution.passedOn()) {
                promise.complete(handBack(resolver, host, promise.all()));
            } else {
                complete(resolution, host, promise);
            }
        } catch (ExecutionException e) {
            promise.fail(e.getCause());
        } catch (Exception | Error e) {
            promise.fail(failure(host, e.toString(), e));
        }
    }

    /** Netty's failure for {@code host}: the chain's reason, naming the tier that decided, and the resolver it came through. */
    private static UnknownHostException failure(String host, String reason, Throwable cause) {
        UnknownHostException failure = new UnknownHostException("resolvechain: " + host + " (Netty's DnsNameResolver): " + reason);
        failure.initCause(cause);
        return failure;
    }

    /** Netty's own resolution of {@code host}, from its own nameservers; waits on this (lookup) thread. */
    private static Object handBack(Object resolver, String host, boolean all) throws Exception {
        HANDED_BACK.set(Boolean.TRUE);
        Future<?> result;
        try {
            result = (Future<?>) resolver.getClass().getMethod(all ? "resolveAll" : "resolve", String.class).invoke(resolver, host);
        } finally {
            HANDED_BACK.remove();
        }
        return result.get();
    }

    /** Whether {@code resolver} was given nameservers other than the host's; when that cannot be seen, it asks the host's. */
    private boolean hasOwnNameservers(Object resolver) {
        List<InetSocketAddress> servers = LibraryReflection.nameservers(resolver);
        if (servers == null) {
            return false;
        }
        boolean own = !hostNameservers.resolvConf().containsAll(servers);
        if (own) {
            Log.debug("a Netty resolver with nameservers of its own " + servers + ": aliases and the local tier first, then those");
        }
        return own;
    }

    /** A Netty {@code Promise} of one address ({@code doResolve}) or of a list ({@code doResolveAll}). */
    record NettyPromise(Object promise, boolean all) {
        void succeed(InetAddress[] addresses) {
            complete(all ? new ArrayList<>(Arrays.asList(addresses)) : addresses[0]);
        }

        void complete(Object result) {
            LibraryReflection.trySuccess(promise, result);
        }

        void fail(Throwable cause) {
            LibraryReflection.tryFailure(promise, cause);
        }
    }
}
