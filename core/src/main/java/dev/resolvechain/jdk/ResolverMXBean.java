package dev.resolvechain.jdk;

import java.util.List;
import java.util.Map;

/**
 * The chain of this JVM as JMX shows it ({@code dev.resolvechain:type=Resolver}): open types only, so
 * that JConsole and the Prometheus JMX exporter read every attribute.
 */
public interface ResolverMXBean {
    /** The tiers in order: {@code alias > local > hosts > dns}. */
    String getChain();

    /** Lookup steps by {@code "TIER OUTCOME"} ({@code "dns answer"}, {@code "alias fallthrough"}). */
    Map<String, Long> getLookupCounts();

    /** Per tier, the median time of its steps, µs (an upper bound, within a factor of 2). */
    Map<String, Long> getLatencyP50Micros();

    /** Per tier, the 99th percentile of its steps, µs (an upper bound, within a factor of 2). */
    Map<String, Long> getLatencyP99Micros();

    /** How many failed or slow lookups the ring of recent ones holds. */
    int getRecentFailedOrSlow();

    /** Lookups made from inside the chain (sent to the JDK's own resolver instead): should stay 0. */
    long getNestedLookups();

    /** What is wrong now, one line each: a local client or nameserver down, alias names in conflict, a source not read. */
    List<String> getProblems();

    /** Per caching tier ({@code local}, {@code dns}), the answers it keeps. */
    Map<String, Integer> getCacheEntries();

    /** Per caching tier, the share of lookup questions (one per name and record type) its cache answered. */
    Map<String, Double> getCacheHitRatio();

    /** {@code name} (or an address) resolved through this JVM's chain now, with every step, as {@code explain} prints it. */
    String explain(String name);

    /** Forgets every answer the tiers keep (the local client's, the host nameservers'). */
    void flushCaches();
}
