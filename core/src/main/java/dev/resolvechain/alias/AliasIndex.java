package dev.resolvechain.alias;

import dev.resolvechain.hosts.HostsLine;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claims of the owners one JVM sees, by name, by {@code name.SCOPE} and by address. An owner's
 * change touches only the names and addresses it had or has, each replaced in one atomic step, so
 * a lookup sees every owner's claim on a name either wholly before or wholly after a change, and
 * the cost of a reload follows the size of the change, not of the source.
 */
final class AliasIndex {
    private final ConcurrentHashMap<String, NameEntry> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NameEntry> byScopedName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, NameEntry> byAddress = new ConcurrentHashMap<>();

    /** The entry for {@code name} (normalized), or for {@code name.SCOPE} in that scope when no owner claims the full name. */
    NameEntry lookup(String name) {
        NameEntry entry = byName.get(name);
        return entry != null ? entry : byScopedName.get(name);
    }

    /** The claims on {@code address}; the first is the one reverse lookups answer with. */
    NameEntry byAddress(InetAddress address) {
        return byAddress.get(address);
    }

    Map<String, List<Claim>> claimedByMany() {
        Map<String, List<Claim>> many = new java.util.TreeMap<>();
        for (Map.Entry<String, NameEntry> entry : byName.entrySet()) {
            Set<Owner> owners = new java.util.HashSet<>();
            for (Claim claim : entry.getValue().claims) {
                owners.add(claim.owner());
            }
            if (owners.size() > 1) {
                many.put(entry.getKey(), entry.getValue().claims);
            }
        }
        return many;
    }

    int nameCount() {
        return byName.size();
    }

    /** Moves {@code owner} from {@code before} to {@code after}. Only one thread updates at a time. */
    void replace(Owner owner, List<HostsLine> before, List<HostsLine> after) {
        Map<String, List<Claim>> newByName = claimsByName(owner, after);
        Map<InetAddress, List<Claim>> newByAddress = new HashMap<>();
        for (List<Claim> claims : newByName.values()) {
            for (Claim claim : claims) {
                newByAddress.computeIfAbsent(claim.address(), a -> new ArrayList<>(1)).add(claim);
            }
        }
        Set<String> names = new LinkedHashSet<>(newByName.keySet());
        Set<InetAddress> addresses = new LinkedHashSet<>(newByAddress.keySet());
        for (HostsLine line : before) {
            names.addAll(line.names());
            addresses.add(line.address());
        }
        for (String name : names) {
            List<Claim> added = newByName.getOrDefault(name, List.of());
            byName.compute(name, (key, current) -> NameEntry.replace(current, owner, added));
            if (owner.scope() != null) {
                byScopedName.compute(name + "." + owner.scope(), (key, current) -> NameEntry.replace(current, owner, added));
            }
        }
        for (InetAddress address : addresses) {
            List<Claim> added = newByAddress.getOrDefault(address, List.of());
            byAddress.compute(address, (key, current) -> NameEntry.replace(current, owner, reverseClaims(added)));
        }
    }

    private static Map<String, List<Claim>> claimsByName(Owner owner, List<HostsLine> lines) {
        Map<String, List<Claim>> claims = new HashMap<>();
        for (HostsLine line : lines) {
            Claim claim = new Claim(line.address(), owner, line);
            for (String name : line.names()) {
                claims.computeIfAbsent(name, n -> new ArrayList<>(1)).add(claim);
            }
        }
        return claims;
    }

    /** One claim per line for the reverse index (a line lists several names for one address). */
    private static List<Claim> reverseClaims(List<Claim> claims) {
        List<Claim> distinct = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            boolean seen = false;
            for (Claim kept : distinct) {
                seen |= kept.line() == claim.line();
            }
            if (!seen) {
                distinct.add(claim);
            }
        }
        return distinct;
    }
}
