package dev.resolvechain.agent;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Log;
import dev.resolvechain.Names;
import dev.resolvechain.jdk.JdkResolver;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentMap;

/**
 * Entries of the JDK's address cache for names the alias tier answers, so that an alias hit costs
 * what a hit in the JDK's own cache costs plus reading the alias table, instead of the JDK's lookup
 * bookkeeping and the whole chain.
 *
 * <p>{@code InetAddress.getAllByName0} asks its cache ({@code host} to an {@code InetAddress$Addresses})
 * before anything else and returns {@code get().clone()} of what it finds. An entry here is a proxy
 * of that private interface whose {@code get()} is {@link JdkResolver#aliasAnswer}: it reads the
 * live alias table on every call, so it needs no expiry and no invalidation (the JDK never expires
 * it: it is not in {@code expirySet}). When the name stops being an alias, or has no address of the
 * family any more, the entry removes itself and answers through the full chain, which fails with
 * the chain's own {@link UnknownHostException} when nothing has the name.
 *
 * <p>A name gets an entry after a lookup of it through the agent's hook succeeded and the alias
 * tier answers it, so names never looked up cost nothing; only names spelled as the alias table
 * spells them (lower case, no trailing dot) get one, which bounds the entries by the table's names
 * whatever names an application is given. At that moment the JDK's {@code NameServiceAddresses}
 * doing this lookup is in the cache under the name: it is replaced (never anything else), so the
 * threads waiting on it take the entry, and its own removal of itself afterwards finds the entry
 * and leaves it.
 *
 * <p>Entries answer from the resolver installed last ({@link #answerFrom}), JVM-wide like the JDK's
 * cache itself, so that after a re-attach no entry answers from the replaced chain. The proxy class
 * is defined at the first entry, not at start-up.
 */
final class AliasCacheEntries {
    /** The resolver in force and the JDK's lookup policy, replaced together on a re-attach. */
    private record Source(JdkResolver resolver, AddressPolicy policy) {
        /** The alias tier's answer, or null: the chain decides then (also if the fast path failed, so that the chain says why). */
        InetAddress[] aliasAnswer(String host) {
            try {
                return resolver.fastAnswer(host, policy);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private static volatile Source source;

    private final ConcurrentMap<String, Object> cache;
    private final Class<?> entryType;
    private final Class<?> lookupType;
    private volatile boolean unavailable;

    /**
     * {@code cache}: the JDK's {@code InetAddress.cache}; {@code entryType}: {@code InetAddress$Addresses};
     * {@code lookupType}: {@code InetAddress$NameServiceAddresses}, a lookup in progress.
     */
    AliasCacheEntries(ConcurrentMap<String, Object> cache, Class<?> entryType, Class<?> lookupType) {
        this.cache = cache;
        this.entryType = entryType;
        this.lookupType = lookupType;
    }

    /** From now on every entry, of this install or an earlier one, answers from {@code resolver}. */
    static void answerFrom(JdkResolver resolver, AddressPolicy policy) {
        source = new Source(resolver, policy);
    }

    /** After a lookup of {@code host} through the hook succeeded: an entry for it, if the alias tier answers it. */
    void offer(String host) {
        Source current = source;
        if (current == null || unavailable || !host.equals(Names.normalize(host)) || current.aliasAnswer(host) == null) {
            return;
        }
        Object present = cache.get(host);
        if (present != null && !lookupType.isInstance(present)) {
            return; // already an entry, or an answer the JDK cached itself
        }
        Object entry;
        try {
            entry = Proxy.newProxyInstance(entryType.getClassLoader(), new Class<?>[] {entryType}, new Entry(host));
        } catch (RuntimeException | LinkageError e) {
            unavailable = true;
            Log.warn("alias answers are not kept in the JDK's address cache (lookups stay correct, only slower): " + e);
            return;
        }
        if (present == null) {
            cache.putIfAbsent(host, entry);
        } else {
            cache.replace(host, present, entry);
        }
    }

    /** One name's entry: {@code Addresses.get()} is the alias tier's answer, else the chain's, without this entry. */
    private final class Entry implements InvocationHandler {
        private final String host;

        Entry(String host) {
            this.host = host;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws UnknownHostException {
            if (method.getDeclaringClass() == Object.class) {
                return JdkInternals.objectMethod(proxy, method, args, this);
            }
            Source current = source;
            InetAddress[] answer = current.aliasAnswer(host);
            if (answer != null) {
                return answer;
            }
            cache.remove(host, proxy);
            return current.resolver().lookup(host, current.policy());
        }

        @Override
        public String toString() {
            return "resolvechain alias entry for " + host;
        }
    }
}
