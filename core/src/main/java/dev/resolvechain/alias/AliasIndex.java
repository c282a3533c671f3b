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
    /** Only the claims ({@link Claims#kept}): a reverse lookup needs no addresses, and 100,000 owners mean 100,000 entries. */
    private final ConcurrentHashMap<InetAddress, Object> byAddress;

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
    /** The claims of {@code address} in owner order, or null. */
    List<Claim> byAddress(InetAddress address) {
        Object kept = byAddress.get(address);
        return kept == null ? null : Claims.list(kept);
    }

    Map<String, List<Claim>> claimedByMany() {
        Map<String, List<Claim>> many = new java.util.TreeMap<>();
        for (Map.Entry<String, NameEntry> entry : byName.entrySet()) {
            Set<Owner> owners = new java.util.HashSet<>();
            for (Claim claim : entry.getValue().claims()) {
                owners.add(claim.owner());
            }
            if (owners.size() > 1) {
                many.put(entry.getKey(), entry.getValue().claims());
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
                claimsOf(newByAddress, line.address()).add(claim);
            }
            for (String name : line.names()) {
                claimsOf(newByName, name).add(claim);
            }
        }
        for (Map.Entry<String, List<Claim>> claims : newByName.entrySet()) {
            replace(owner, claims.getKey(), claims.getValue());
        }
        for (Map.Entry<InetAddress, List<Claim>> claims : newByAddress.entrySet()) {
            replaceClaims(claims.getKey(), owner, claims.getValue());
        }
        Set<String> dropped = new HashSet<>();
        for (HostsLine line : before) {
            for (String name : line.names()) {
                if (!newByName.containsKey(name) && dropped.add(name)) {
                    replace(owner, name, List.of());
                }
            }
            if (!newByAddress.containsKey(line.address())) {
                replaceClaims(line.address(), owner, List.of());
            }
        }
    }

    private void replace(Owner owner, String name, List<Claim> added) {
        replaceIn(byName, name, owner, added);
        if (owner.scope() != null) {
            replaceIn(byScopedName, name + "." + owner.scope(), owner, added);
        }
    }

    /**
     * {@code owner}'s claims of {@code key} in {@code map} become {@code added}. A get and a put, not
     * {@code compute}: one thread updates at a time, and a lambda's bootstrap would cost the first load.
     */
    private static void replaceIn(ConcurrentHashMap<String, NameEntry> map, String key, Owner owner, List<Claim> added) {
        NameEntry replaced = NameEntry.replace(map.get(key), owner, added);
        if (replaced == null) {
            map.remove(key);
        } else {
            map.put(key, replaced);
        }
    }

    private void replaceClaims(InetAddress address, Owner owner, List<Claim> added) {
        List<Claim> replaced = NameEntry.replace(byAddress(address), owner, added);
        if (replaced == null) {
            byAddress.remove(address);
        } else {
            byAddress.put(address, Claims.kept(replaced));
        }
    }

    private static <K> List<Claim> claimsOf(Map<K, List<Claim>> claims, K key) {
        List<Claim> list = claims.get(key);
        if (list == null) {
            list = new ArrayList<>(1);
            claims.put(key, list);
        }
        return list;
    }
}
