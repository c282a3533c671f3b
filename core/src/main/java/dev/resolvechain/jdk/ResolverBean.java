package dev.resolvechain.jdk;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Cached;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Log;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Tier;
import dev.resolvechain.observe.ChainState;
import dev.resolvechain.observe.Explanation;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** {@link ResolverMXBean} over a {@link JdkResolver}. */
public final class ResolverBean implements ResolverMXBean {
    /**
     * {@code dev.resolvechain:type=Resolver}, joined at run time: the agent jar's build relocates string
     * constants that start with the core's package name.
     */
    public static final String OBJECT_NAME = String.join(".", "dev", "resolvechain") + ":type=Resolver";

    private final JdkResolver resolver;

    ResolverBean(JdkResolver resolver) {
        this.resolver = resolver;
    }

    /** Registers the bean of {@code resolver} in the platform MBean server, in place of an earlier one (after an attach). */
    public static void register(JdkResolver resolver) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new ResolverBean(resolver), name);
        } catch (JMException | RuntimeException | LinkageError e) {
            Log.warn("no JMX bean " + OBJECT_NAME + ": " + e);
        }
    }

    @Override
    public String getChain() {
        List<String> names = new ArrayList<>();
        for (Tier tier : resolver.chain().tiers()) {
            names.add(tier.name());
        }
        return String.join(" > ", names);
    }

    @Override
    public Map<String, Long> getLookupCounts() {
        return resolver.log().counts();
    }

    @Override
    public Map<String, Long> getLatencyP50Micros() {
        return percentile(0);
    }

    @Override
    public Map<String, Long> getLatencyP99Micros() {
        return percentile(1);
    }

    private Map<String, Long> percentile(int index) {
        Map<String, Long> micros = new TreeMap<>();
        resolver.log().latencyMicros().forEach((tier, percentiles) -> micros.put(tier, percentiles[index]));
        return micros;
    }

    @Override
    public int getRecentFailedOrSlow() {
        return resolver.log().recent(false, 0).size();
    }

    @Override
    public long getNestedLookups() {
        return resolver.nestedLookups();
    }

    @Override
    public List<String> getProblems() {
        return ChainState.problems(resolver.chain());
    }

    @Override
    public Map<String, Integer> getCacheEntries() {
        Map<String, Integer> entries = new TreeMap<>();
        ChainState.caches(resolver.chain()).forEach((tier, figures) -> entries.put(tier, figures.entries()));
        return entries;
    }

    @Override
    public Map<String, Double> getCacheHitRatio() {
        Map<String, Double> ratios = new TreeMap<>();
        ChainState.caches(resolver.chain()).forEach((tier, figures) -> ratios.put(tier, figures.hitRatio()));
        return ratios;
    }

    @Override
    public String explain(String name) {
        ResolveChain chain = resolver.chain();
        InetAddress literal = IpLiteral.parse(name);
        return Explanation.text(literal == null ? chain.lookup(name, AddressPolicy.fromSystemProperties()) : chain.reverse(literal.getAddress()));
    }

    @Override
    public void flushCaches() {
        for (Tier tier : resolver.chain().tiers()) {
            if (tier instanceof Cached cached) {
                cached.flushCache();
            }
        }
    }
}
