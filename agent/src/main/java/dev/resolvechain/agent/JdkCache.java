package dev.resolvechain.agent;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Map;

/**
 * The JDK's own address cache, which sits above any resolver and holds answers 30 s (failures
 * 10 s) whatever their DNS TTL says. The chain does the caching instead (by record TTL; aliases
 * are always current), so the agent turns the JDK's cache off and empties it of what was looked up
 * before the agent came. Same internals on JDK 17 to 25.
 */
final class JdkCache {
    private static final int NEVER = 0;

    private final Field positivePolicy;
    private final Field negativePolicy;
    private final Field cache;
    private final Field expirySet;

    JdkCache() throws InstallException {
        Class<?> policy = JdkInternals.jdkClass("sun.net.InetAddressCachePolicy");
        positivePolicy = JdkInternals.staticField(policy, "cachePolicy");
        negativePolicy = JdkInternals.staticField(policy, "negativeCachePolicy");
        cache = JdkInternals.staticField(InetAddress.class, "cache");
        expirySet = JdkInternals.staticField(InetAddress.class, "expirySet");
    }

    void disable() throws InstallException {
        try {
            positivePolicy.setInt(null, NEVER);
            negativePolicy.setInt(null, NEVER);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new InstallException("cannot turn off the JDK's address cache", e);
        }
        ((Map<?, ?>) JdkInternals.get(cache)).clear();
        ((Collection<?>) JdkInternals.get(expirySet)).clear();
    }
}
