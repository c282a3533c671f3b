package dev.resolvechain.alias;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code status} shows of a running JVM's aliases: when they last changed, each owner with its
 * age and the time it has left before {@code aliases.ownerTtl} makes it stale, and every name claimed
 * by more than one owner with each claim. Lists stop at {@link #MAX_LISTED} (a source may hold
 * 100,000 owners), with the count of those left out.
 */
final class AliasStatus {
    static final int MAX_LISTED = 100;

    private final AliasRegistry registry;
    private final long ownerTtlMillis;
    private final long now;

    AliasStatus(AliasRegistry registry, long ownerTtlMillis, long nowMillis) {
        this.registry = registry;
        this.ownerTtlMillis = ownerTtlMillis;
        this.now = nowMillis;
    }

    Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        long changed = registry.lastChangeMillis();
        state.put("aliasLastChange", changed == 0 ? null : Instant.ofEpochMilli(changed).toString());
        List<Map<String, Object>> owners = new ArrayList<>();
        List<Owner> all = registry.owners();
        for (Owner owner : all.subList(0, Math.min(all.size(), MAX_LISTED))) {
            owners.add(owner(owner));
        }
        state.put("aliasOwnerList", owners);
        state.put("aliasOwnersNotListed", all.size() - owners.size());
        Map<String, Object> conflicts = new LinkedHashMap<>();
        Map<String, List<Claim>> claimedByMany = registry.claimedByMany();
        for (Map.Entry<String, List<Claim>> name : claimedByMany.entrySet()) {
            if (conflicts.size() == MAX_LISTED) {
                break;
            }
            List<Map<String, Object>> claims = new ArrayList<>();
            for (Claim claim : name.getValue()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("address", claim.address().getHostAddress());
                entry.putAll(owner(claim.owner()));
                claims.add(entry);
            }
            conflicts.put(name.getKey(), claims);
        }
        state.put("aliasConflicts", conflicts);
        state.put("aliasConflictsNotListed", claimedByMany.size() - conflicts.size());
        return state;
    }

    /** The owner, where its registration is, its age and (with an owner TTL) the seconds it has left, negative once stale. */
    private Map<String, Object> owner(Owner owner) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("owner", owner.label());
        entry.put("location", String.valueOf(owner.location()));
        long ageMillis = Math.max(0, now - owner.refreshedMillis());
        entry.put("ageSeconds", ageMillis / 1000);
        if (ownerTtlMillis > 0) {
            entry.put("ttlLeftSeconds", Math.floorDiv(ownerTtlMillis - ageMillis, 1000));
            entry.put("stale", ageMillis > ownerTtlMillis);
        }
        if (!owner.problems().isEmpty()) {
            entry.put("notInForce", owner.problems().get(0).toString());
        }
        return entry;
    }

    /** Names claimed by several owners, registrations not in force, owners gone stale. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        int conflicts = registry.claimedByMany().size();
        if (conflicts > 0) {
            problems.add("alias: " + conflicts + (conflicts == 1 ? " name" : " names") + " claimed by more than one owner");
        }
        int notInForce = registry.problems().size();
        if (notInForce > 0) {
            problems.add("alias: " + notInForce + (notInForce == 1 ? " problem" : " problems") + " in the source (the last good registrations are in force)");
        }
        if (ownerTtlMillis > 0) {
            long stale = registry.owners().stream().filter(owner -> now - owner.refreshedMillis() > ownerTtlMillis).count();
            if (stale > 0) {
                problems.add("alias: " + stale + (stale == 1 ? " owner" : " owners") + " stale (not refreshed within aliases.ownerTtl)");
            }
        }
        return problems;
    }
}
