package dev.resolvechain;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The chain: tiers asked in order until one answers or fails the lookup. Every step is recorded,
 * so any answer can be explained. This and {@link Tier} are the whole core API; a first tier may
 * also offer a {@link FastPath} for the names it answers plainly.
 */
public final class ResolveChain implements AutoCloseable {
    /** How a step the chain took itself, before any tier, is named: a name refused as malformed. */
    public static final String CHAIN = "chain";

    private final List<Tier> tiers;
    private final Duration lookupTimeout;
    private final FastPath fastPath;

    public ResolveChain(List<Tier> tiers, Duration lookupTimeout) {
        this(tiers, lookupTimeout, FastPath.NONE);
    }

    /** @param fastPath the first tier's shortcut ({@link FastPath#NONE}: none) */
    public ResolveChain(List<Tier> tiers, Duration lookupTimeout, FastPath fastPath) {
        this.tiers = List.copyOf(tiers);
        this.lookupTimeout = lookupTimeout;
        this.fastPath = fastPath;
    }

    /** The first tier's plain answer for {@code host} (see {@link FastPath}), or null: then {@link #lookup} decides. */
    public InetAddress[] fastAnswer(String host, AddressPolicy policy) {
        return fastPath.answer(host, policy);
    }

    /** The addresses of {@code name}, as the policy wants them. */
    public Resolution lookup(String name, AddressPolicy policy) {
        return resolve(Query.forward(name, policy, Deadline.after(lookupTimeout)));
    }

    /**
     * The resolution of {@code name} when every tier it reaches decides at once
     * ({@link Tier#decidesAtOnce}); null when one might wait, and then {@link #lookup} decides.
     */
    public Resolution lookupAtOnce(String name, AddressPolicy policy) {
        return resolve(Query.forward(name, policy, Deadline.after(lookupTimeout)), true);
    }

    /** The host name of {@code address} (4 or 16 bytes). */
    public Resolution reverse(byte[] address) {
        return resolve(Query.reverse(address, Deadline.after(lookupTimeout)));
    }

    public List<Tier> tiers() {
        return tiers;
    }

    /**
     * The same chain with only the tiers named {@code kept} (their order and state shared): for a
     * library resolver with nameservers of its own, which the chain's first tiers still answer
     * before them. The fast path stays when the first tier does.
     */
    public ResolveChain narrowedTo(Set<String> kept) {
        List<Tier> narrowed = new ArrayList<>(tiers.size());
        for (Tier tier : tiers) {
            if (kept.contains(tier.name())) {
                narrowed.add(tier);
            }
        }
        boolean firstKept = !narrowed.isEmpty() && !tiers.isEmpty() && narrowed.get(0) == tiers.get(0);
        return new ResolveChain(narrowed, lookupTimeout, firstKept ? fastPath : FastPath.NONE);
    }

    public Duration lookupTimeout() {
        return lookupTimeout;
    }

    Resolution resolve(Query query) {
        return resolve(query, false);
    }

    private Resolution resolve(Query query, boolean atOnceOnly) {
        long start = System.nanoTime();
        List<Step> steps = new ArrayList<>(tiers.size());
        String malformed = query.reverse() ? null : Names.structureProblem(query.absolute() ? query.name() + "." : query.name());
        if (malformed != null) {
            steps.add(new Step(CHAIN, Outcome.FAIL, malformed + ": not a host name, not looked up", 0));
            return finish(query, steps, null, start);
        }
        for (Tier tier : tiers) {
            if (atOnceOnly && !tier.decidesAtOnce(query)) {
                return null;
            }
            if (query.deadline().expired()) {
                steps.add(new Step(tier.name(), Outcome.FAIL,
                        "lookupTimeout (" + lookupTimeout.toMillis() + " ms) reached before this tier was asked", 0));
                return finish(query, steps, null, start);
            }
            long tierStart = System.nanoTime();
            Verdict verdict = ask(tier, query);
            steps.add(new Step(tier.name(), verdict.outcome(), verdict.detail(), (System.nanoTime() - tierStart) / 1000));
            if (verdict.outcome() != Outcome.FALLTHROUGH) {
                return finish(query, steps, verdict.outcome() == Outcome.ANSWER ? verdict : null, start);
            }
        }
        return finish(query, steps, null, start);
    }

    private static Verdict ask(Tier tier, Query query) {
        try {
            return tier.resolve(query);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            Log.warn("tier " + tier.name() + " failed on " + query.name() + ": " + e);
            return Verdict.fail("internal error: " + e);
        }
    }

    private static Resolution finish(Query query, List<Step> steps, Verdict answer, long start) {
        String name = query.name();
        long micros = (System.nanoTime() - start) / 1000;
        if (answer == null) {
            return new Resolution(name, query.reverse(), List.of(), null, Resolution.NONE, steps, micros);
        }
        return new Resolution(name, query.reverse(), answer.addresses(), answer.hostName(),
                steps.get(steps.size() - 1).tier(), steps, micros);
    }

    @Override
    public void close() {
        for (Tier tier : tiers) {
            if (tier instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    Log.debug("closing tier " + tier.name() + ": " + e);
                }
            }
        }
    }
}
