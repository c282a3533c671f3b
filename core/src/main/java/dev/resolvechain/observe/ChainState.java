package dev.resolvechain.observe;

import dev.resolvechain.CacheFigures;
import dev.resolvechain.Cached;
import dev.resolvechain.Configured;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What only a running chain knows of its tiers, gathered for {@code status} and JMX: state, caches, problems. */
public final class ChainState {
    private ChainState() {
    }

    /** Each tier's {@link Configured#state}, by tier name; tiers with none left out. */
    public static Map<String, Object> tiers(ResolveChain chain) {
        Map<String, Object> states = new LinkedHashMap<>();
        for (Tier tier : chain.tiers()) {
            if (tier instanceof Configured configured && !configured.state().isEmpty()) {
                states.put(tier.name(), configured.state());
            }
        }
        return states;
    }

    /** Each cache's figures, by tier name. */
    public static Map<String, CacheFigures> caches(ResolveChain chain) {
        Map<String, CacheFigures> caches = new LinkedHashMap<>();
        for (Tier tier : chain.tiers()) {
            if (tier instanceof Cached cached) {
                caches.put(tier.name(), cached.cacheFigures());
            }
        }
        return caches;
    }

    /** What is wrong now, tier by tier, one line each: a client or nameserver down, names in conflict, a source not read. */
    public static List<String> problems(ResolveChain chain) {
        List<String> problems = new ArrayList<>();
        for (Tier tier : chain.tiers()) {
            if (tier instanceof Configured configured) {
                problems.addAll(configured.problems());
            }
        }
        return problems;
    }
}
