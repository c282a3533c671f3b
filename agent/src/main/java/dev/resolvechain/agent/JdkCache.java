package dev.resolvechain.agent;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Log;
import dev.resolvechain.jdk.JdkResolver;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Collection;
import java.util.concurrent.ConcurrentMap;

/**
 * The JDK's own address cache, which sits above any resolver and holds answers 30 s (failures
 * 10 s) whatever their DNS TTL says. The chain does the caching instead (by record TTL; aliases
 * are always current), so the agent turns the JDK's caching of answers and failures off and
 * empties the cache of what was looked up before the agent came (or under an earlier attach).
 * From then on the cache holds only the JDK's lookups in progress and the agent's
 * {@link AliasCacheEntries}: for a name the alias tier answers, an entry that reads the live alias
 * table on every hit, so the JDK's fastest path serves aliases without ever holding a stale answer.
 * Same internals on JDK 17 to 25.
 */
final class JdkCache {
    private static final int NEVER = 0;

    private final Field positivePolicy;
    private final Field negativePolicy;
    private final ConcurrentMap<String, Object> cache;
    private final Collection<?> expirySet;
    private final AliasCacheEntries aliasEntries;
    /** The JDK's lookup policy, which alias entries answer with. */
    private final AddressPolicy policy;
    private int positiveBefore;
    private int negativeBefore;
    /** Whether {@link #takeOver} read the policies, so {@link #giveBack} has them to put back. */
    private boolean taken;

    @SuppressWarnings("unchecked")
    JdkCache(AddressPolicy policy) throws InstallException {
        this.policy = policy;
        Class<?> cachePolicy = JdkInternals.jdkClass(JdkInternals.CACHE_POLICY);
        positivePolicy = JdkInternals.staticField(cachePolicy, JdkInternals.POSITIVE_CACHE_POLICY);
        negativePolicy = JdkInternals.staticField(cachePolicy, JdkInternals.NEGATIVE_CACHE_POLICY);
        cache = (ConcurrentMap<String, Object>) JdkInternals.get(JdkInternals.staticField(InetAddress.class, JdkInternals.ADDRESS_CACHE));
        expirySet = (Collection<?>) JdkInternals.get(JdkInternals.staticField(InetAddress.class, JdkInternals.ADDRESS_CACHE_EXPIRY));
        aliasEntries = new AliasCacheEntries(cache, JdkInternals.jdkClass(JdkInternals.CACHED_ADDRESSES),
                JdkInternals.jdkClass(JdkInternals.LOOKUP_IN_PROGRESS));
    }

    /** Whether the JDK's cache holds anything: names looked up before the agent came (an attach, another agent). */
    boolean inUse() {
        return !cache.isEmpty();
    }

    /** What the hook offers each name it resolved to. */
    AliasCacheEntries aliasEntries() {
        return aliasEntries;
    }

    /**
     * Turns the JDK's caching off and empties the cache; from then on alias entries (also those an
     * earlier attach made) answer from {@code resolver} with the JDK's lookup policy. Once: a second call does nothing.
     */
    void takeOver(JdkResolver resolver) throws InstallException {
        if (taken) {
            return;
        }
        try {
            positiveBefore = positivePolicy.getInt(null);
            negativeBefore = negativePolicy.getInt(null);
            taken = true;
            positivePolicy.setInt(null, NEVER);
            negativePolicy.setInt(null, NEVER);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new InstallException("cannot turn off the JDK's address cache", e);
        }
        cache.clear();
        expirySet.clear();
        AliasCacheEntries.answerFrom(resolver, policy);
    }

    /** The JDK's caching as it was before {@link #takeOver}, and none of the agent's entries. */
    void giveBack() {
        if (!taken) {
            return; // never taken: nothing to put back, nothing of the agent's in the cache
        }
        try {
            positivePolicy.setInt(null, positiveBefore);
            negativePolicy.setInt(null, negativeBefore);
        } catch (IllegalAccessException | RuntimeException e) {
            Log.warn("cannot turn the JDK's address cache back on (lookups stay correct, only uncached): " + e);
        }
        cache.clear();
        expirySet.clear();
    }
}
