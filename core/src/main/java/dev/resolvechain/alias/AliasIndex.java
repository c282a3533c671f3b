package dev.resolvechain.alias;

import dev.resolvechain.files.HostsLine;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    private final ConcurrentHashMap<String, NameEntry> byName;
    private final ConcurrentHashMap<String, NameEntry> byScopedName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, NameEntry> byAddress;

    /** An empty index with room for {@code expectedNames} names (and as many addresses at most) before it grows. */
    AliasIndex(int expectedNames) {
        byName = new ConcurrentHashMap<>(expectedNames);
        byAddress = new ConcurrentHashMap<>(expectedNames);
    }

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
        Map<String, List<Claim>> newByName = new HashMap<>();
        Map<InetAddress, List<Claim>> newByAddress = new HashMap<>();
        for (HostsLine line : after) {
            Claim claim = new Claim(line.address(), owner, line);
            if (!line.address().isLoopbackAddress()) { // a loopback address's reverse name is this machine's own, never an alias
                newByAddress.computeIfAbsent(line.address(), a -> new ArrayList<>(1)).add(claim);
            }
            for (String name : line.names()) {
                newByName.computeIfAbsent(name, n -> new ArrayList<>(1)).add(claim);
            }
        }
        for (Map.Entry<String, List<Claim>> claims : newByName.entrySet()) {
            replace(owner, claims.getKey(), claims.getValue());
        }
        for (Map.Entry<InetAddress, List<Claim>> claims : newByAddress.entrySet()) {
            List<Claim> added = claims.getValue();
            byAddress.compute(claims.getKey(), (key, current) -> NameEntry.replace(current, owner, added));
        }
        Set<String> dropped = new HashSet<>();
        for (HostsLine line : before) {
            for (String name : line.names()) {
                if (!newByName.containsKey(name) && dropped.add(name)) {
                    replace(owner, name, List.of());
                }
            }
            if (!newByAddress.containsKey(line.address())) {
                byAddress.computeIfPresent(line.address(), (key, current) -> NameEntry.replace(current, owner, List.of()));
            }
        }
    }

    private void replace(Owner owner, String name, List<Claim> added) {
        byName.compute(name, (key, current) -> NameEntry.replace(current, owner, added));
        if (owner.scope() != null) {
            byScopedName.compute(name + "." + owner.scope(), (key, current) -> NameEntry.replace(current, owner, added));
        }
    }
}
