package dev.resolvechain.alias;

import dev.resolvechain.hosts.HostsLine;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable index of the registrations one JVM sees: the unscoped ones and those of its scopes.
 * Replaced whole when the source changes, so a lookup never sees half an update.
 */
public final class AliasTable {
    /** One owner's claim of a name: an address, from a line of the owner's file. */
    public record Claim(InetAddress address, Registration registration, HostsLine line) {
    }

    private final List<Registration> registrations;
    private final Set<String> scopes;
    private final Map<String, List<Claim>> visible = new HashMap<>();
    private final Map<String, Map<String, List<Claim>>> byScope = new HashMap<>();
    private final Map<InetAddress, Claim> byAddress = new HashMap<>();

    public AliasTable(Collection<Registration> registrations, Set<String> scopes) {
        this.scopes = Set.copyOf(scopes);
        List<Registration> seen = new ArrayList<>();
        for (Registration registration : registrations) {
            if (registration.scope() != null && !this.scopes.contains(registration.scope())) {
                continue;
            }
            seen.add(registration);
            for (HostsLine line : registration.lines()) {
                Claim claim = new Claim(line.address(), registration, line);
                for (String name : line.names()) {
                    visible.computeIfAbsent(name, n -> new ArrayList<>(1)).add(claim);
                    if (registration.scope() != null) {
                        byScope.computeIfAbsent(registration.scope(), s -> new HashMap<>())
                                .computeIfAbsent(name, n -> new ArrayList<>(1)).add(claim);
                    }
                }
                byAddress.putIfAbsent(line.address(), claim);
            }
        }
        this.registrations = List.copyOf(seen);
    }

    public static AliasTable empty() {
        return new AliasTable(List.of(), Set.of());
    }

    /**
     * The claims on {@code name}: every visible owner's, or, for {@code name.SCOPE} where SCOPE is
     * one of this JVM's scopes and no owner claims the full name, those of {@code name} in SCOPE only.
     * Empty when the name is not an alias.
     */
    public List<Claim> claims(String name) {
        List<Claim> claims = visible.get(name);
        if (claims != null) {
            return claims;
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            Map<String, List<Claim>> scoped = byScope.get(name.substring(dot + 1));
            if (scoped != null) {
                return scoped.getOrDefault(name.substring(0, dot), List.of());
            }
        }
        return List.of();
    }

    /** The claim whose line holds {@code address}, or null. */
    public Claim claimOf(InetAddress address) {
        return byAddress.get(address);
    }

    public List<Registration> registrations() {
        return registrations;
    }

    public int nameCount() {
        return visible.size();
    }
}
