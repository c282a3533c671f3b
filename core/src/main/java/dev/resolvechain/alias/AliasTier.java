package dev.resolvechain.alias;

import dev.resolvechain.Clocks;
import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Configured;
import dev.resolvechain.FastPath;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Names;
import dev.resolvechain.Query;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import dev.resolvechain.files.Problem;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Tier 1: the shared alias source, Docker's network aliases, always as the source says now. A name
 * that is an alias is answered here and never sent on: if it has no address of the requested
 * family, that is the answer (forwarding such queries is what made Docker's AAAA lookups of
 * container names time out). Every address is shown with its owner and the owner's age, so a
 * registration left behind is visible in one {@code explain} line; an owner not refreshed within
 * {@code aliases.ownerTtl} is left out as if it had unregistered.
 */
public final class AliasTier implements Tier, Configured, FastPath, AutoCloseable {
    private final AliasRegistry registry;
    private final AliasSource source;
    private final long ownerTtlMillis;
    private final boolean shuffle;
    private final LongSupplier clock;

    /**
     * @param registry what {@code source} keeps current
     * @param ownerTtl zero: owners never go stale
     * @param order    the order of each answer's addresses
     */
    public AliasTier(AliasRegistry registry, AliasSource source, Duration ownerTtl, AliasOrder order) {
        this(registry, source, ownerTtl, order, Clocks.WALL_MILLIS);
    }

    /** @param clock wall-clock milliseconds, against which owners' ages are measured */
    public AliasTier(AliasRegistry registry, AliasSource source, Duration ownerTtl, AliasOrder order, LongSupplier clock) {
        this.registry = registry;
        this.source = source;
        this.ownerTtlMillis = ownerTtl.toMillis();
        this.shuffle = order == AliasOrder.SHUFFLE;
        this.clock = clock;
    }

    /** Loads the source now and keeps the registry current from then on (see {@link AliasSource#start}). */
    public AliasTier start() {
        source.start();
        return this;
    }

    public AliasRegistry registry() {
        return registry;
    }

    @Override
    public String name() {
        return "alias";
    }

    /** For {@code explain}: the source, its size, and every file not in force, with file and line. */
    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("aliases", source.location());
        settings.put("aliasNames", registry.nameCount());
        settings.put("aliasOwners", registry.owners().size());
        List<String> problems = new ArrayList<>();
        for (Problem problem : registry.problems()) {
            problems.add(problem.toString());
        }
        settings.put("aliasProblems", problems);
        return settings;
    }

    /** For {@code status}: see {@link AliasStatus}. */
    @Override
    public Map<String, Object> state() {
        return new AliasStatus(registry, ownerTtlMillis, clock.getAsLong()).state();
    }

    @Override
    public List<String> problems() {
        return new AliasStatus(registry, ownerTtlMillis, clock.getAsLong()).problems();
    }

    /** Always: the registry is in memory, kept current by the source's own threads. */
    @Override
    public boolean decidesAtOnce(Query query) {
        return true;
    }

    @Override
    public Verdict resolve(Query query) {
        AliasIndex index = registry.index();
        if (query.reverse()) {
            List<Claim> claims = index.byAddress(IpLiteral.of(query.address()));
            List<Claim> live = claims == null ? List.of() : live(claims);
            return live.isEmpty()
                    ? Verdict.fallthrough("no alias has this address")
                    : Verdict.answerName(live.get(0).line().names().get(0), describe(live.get(0)));
        }
        NameEntry entry = index.lookup(query.name());
        if (entry == null) {
            return Verdict.fallthrough("not an alias (" + registry.nameCount() + " names in " + source.location() + ")");
        }
        List<Claim> claims = entry.claims();
        List<Claim> live = live(claims);
        if (live.isEmpty()) {
            return Verdict.fallthrough("not an alias any more: every owner of '" + query.name() + "' is stale ("
                    + owners(claims) + "; aliases.ownerTtl " + ownerTtlMillis / 1000 + " s)");
        }
        Set<InetAddress> addresses = new LinkedHashSet<>();
        StringBuilder detail = new StringBuilder();
        Set<Owner> owners = new LinkedHashSet<>();
        for (Claim claim : live) {
            owners.add(claim.owner());
            if (query.policy().accepts(claim.address()) && addresses.add(claim.address())) {
                detail.append(detail.length() == 0 ? "" : "; ").append(claim.address().getHostAddress())
                        .append(" (").append(describe(claim)).append(')');
            }
        }
        if (addresses.isEmpty()) {
            return Verdict.fail("alias '" + query.name() + "' has no address of the requested family (owners: "
                    + owners(live) + "); not sent on to DNS");
        }
        if (owners.size() > 1) {
            detail.insert(0, "claimed by " + owners.size() + " owners: ");
        }
        if (claims.size() > live.size()) {
            detail.append("; ignored as stale: ").append(owners(stale(entry)));
        }
        List<InetAddress> ordered = new ArrayList<>(addresses);
        return Verdict.answer(query.policy().apply(shuffle ? shuffled(ordered) : ordered), detail.toString());
    }

    /**
     * The addresses of {@code host} when it is an alias with addresses of the wanted family and no
     * stale owner, named {@code host}, in a new array; null in every other case, where the full
     * chain must decide.
     */
    @Override
    public InetAddress[] answer(String host, AddressPolicy policy) {
        AliasIndex index = registry.index();
        NameEntry entry = index.lookup(host); // names are mostly written as the files write them
        if (entry == null) {
            entry = index.lookup(Names.normalize(host));
        }
        if (entry == null || (ownerTtlMillis > 0 && hasStaleOwner(entry.claims()))) {
            return null;
        }
        InetAddress[] named = entry.named(host, policy);
        if (named.length == 0) {
            return null;
        }
        return shuffle ? shuffled(named, entry.firstFamilyLength(policy)) : named.clone();
    }

    private boolean hasStaleOwner(List<Claim> claims) {
        return live(claims).size() < claims.size();
    }

    private List<Claim> live(List<Claim> claims) {
        if (ownerTtlMillis <= 0) {
            return claims;
        }
        long now = clock.getAsLong();
        List<Claim> live = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            if (now - claim.owner().refreshedMillis() <= ownerTtlMillis) {
                live.add(claim);
            }
        }
        return live;
    }

    private List<Claim> stale(NameEntry entry) {
        List<Claim> live = live(entry.claims());
        List<Claim> stale = new ArrayList<>();
        for (Claim claim : entry.claims()) {
            if (!live.contains(claim)) {
                stale.add(claim);
            }
        }
        return stale;
    }

    private String describe(Claim claim) {
        return "owner " + claim.owner().label() + ", refreshed " + age(claim.owner()) + " ago, " + claim.owner().where(claim.line());
    }

    private String owners(List<Claim> claims) {
        Set<String> owners = new LinkedHashSet<>();
        for (Claim claim : claims) {
            owners.add(claim.owner().label() + " refreshed " + age(claim.owner()) + " ago");
        }
        return String.join(", ", owners);
    }

    private String age(Owner owner) {
        long seconds = Math.max(0, clock.getAsLong() - owner.refreshedMillis()) / 1000;
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds < 7200 ? seconds / 60 + " min" : seconds < 172800 ? seconds / 3600 + " h" : seconds / 86400 + " d";
    }

    private static List<InetAddress> shuffled(List<InetAddress> addresses) {
        for (int i = addresses.size() - 1; i > 0; i--) {
            int j = ThreadLocalRandom.current().nextInt(i + 1);
            addresses.set(i, addresses.set(j, addresses.get(i)));
        }
        return addresses;
    }

    /** A shuffled copy, each family shuffled within its place so the policy's family order holds. */
    private static InetAddress[] shuffled(InetAddress[] addresses, int firstFamilyLength) {
        InetAddress[] copy = addresses.clone();
        shuffle(copy, 0, firstFamilyLength);
        shuffle(copy, firstFamilyLength, copy.length);
        return copy;
    }

    private static void shuffle(InetAddress[] addresses, int from, int to) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            InetAddress swap = addresses[i];
            addresses[i] = addresses[j];
            addresses[j] = swap;
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
