package dev.resolvechain.alias;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every visible claim on one name, ordered by owner (scope, then name) and line, with the
 * distinct addresses precomputed per family. Immutable: an update builds a new entry.
 */
final class NameEntry {
    private static final Comparator<Claim> OWNER_ORDER = new Comparator<>() {
        @Override
        public int compare(Claim a, Claim b) {
            int byScope = scopeKey(a.owner()).compareTo(scopeKey(b.owner()));
            if (byScope != 0) {
                return byScope;
            }
            int byOwner = a.owner().name().compareTo(b.owner().name());
            return byOwner != 0 ? byOwner : Integer.compare(a.line().lineNumber(), b.line().lineNumber());
        }

        private String scopeKey(Owner owner) {
            return owner.scope() == null ? "" : owner.scope();
        }
    };

    private static final InetAddress[] NONE = new InetAddress[0];

    /** {@link Claims#kept}: the claims, or the one claim. */
    private final Object claims;
    private final InetAddress[] all;
    private final InetAddress[] ipv4;
    private final InetAddress[] ipv6;
    /** The last answer handed out, named after the host as the application wrote it. */
    private volatile Named named;

    private record Named(String host, AddressPolicy policy, InetAddress[] addresses) {
    }

    /** The labels of the owners that claim this name, each once, in the order of their claims. */
    List<String> owners() {
        List<Claim> claimed = claims();
        List<String> labels = new ArrayList<>(claimed.size());
        for (Claim claim : claimed) {
            if (!labels.contains(claim.owner().label())) {
                labels.add(claim.owner().label());
            }
        }
        return labels;
    }

    /** Every visible claim, in owner order. */
    List<Claim> claims() {
        return Claims.list(claims);
    }

    private NameEntry(List<Claim> claims) {
        this.claims = Claims.kept(claims);
        InetAddress[] distinct = new InetAddress[claims.size()];
        int count = 0;
        int ipv4Count = 0;
        for (Claim claim : claims) {
            InetAddress address = claim.address();
            if (indexOf(distinct, count, address) < 0) {
                distinct[count++] = address;
                ipv4Count += address instanceof Inet4Address ? 1 : 0;
            }
        }
        this.all = count == distinct.length ? distinct : Arrays.copyOf(distinct, count);
        if (ipv4Count == count || ipv4Count == 0) {
            // one family, as most aliases: share the array (100,000 names in the heap)
            this.ipv4 = ipv4Count == 0 ? NONE : all;
            this.ipv6 = ipv4Count == 0 ? all : NONE;
            return;
        }
        this.ipv4 = new InetAddress[ipv4Count];
        this.ipv6 = new InetAddress[count - ipv4Count];
        int v4 = 0;
        int v6 = 0;
        for (int i = 0; i < count; i++) {
            if (all[i] instanceof Inet4Address) {
                ipv4[v4++] = all[i];
            } else {
                ipv6[v6++] = all[i];
            }
        }
    }

    /** Linear: an alias has a handful of addresses, and no set is built for each of 100,000 names. */
    private static int indexOf(InetAddress[] addresses, int count, InetAddress address) {
        for (int i = 0; i < count; i++) {
            if (addresses[i].equals(address)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The distinct addresses {@code policy} wants, in its order, named {@code host}. The array is
     * shared: callers copy it before handing it out.
     */
    InetAddress[] named(String host, AddressPolicy policy) {
        Named last = named;
        if (last != null && last.policy == policy && last.host.equals(host)) {
            return last.addresses;
        }
        InetAddress[] ordered = ordered(policy);
        InetAddress[] addresses = new InetAddress[ordered.length];
        for (int i = 0; i < ordered.length; i++) {
            addresses[i] = IpLiteral.withName(host, ordered[i]);
        }
        named = new Named(host, policy, addresses);
        return addresses;
    }

    /** How many of {@link #named}'s addresses come before the second family (all of them when families are not ordered). */
    int firstFamilyLength(AddressPolicy policy) {
        switch (policy) {
            case IPV4_FIRST:
                return ipv4.length;
            case IPV6_FIRST:
                return ipv6.length;
            default:
                return ordered(policy).length;
        }
    }

    private InetAddress[] ordered(AddressPolicy policy) {
        switch (policy) {
            case IPV4_ONLY:
                return ipv4;
            case IPV6_ONLY:
                return ipv6;
            case IPV4_FIRST:
                return concat(ipv4, ipv6);
            case IPV6_FIRST:
                return concat(ipv6, ipv4);
            default:
                return all;
        }
    }

    private static InetAddress[] concat(InetAddress[] first, InetAddress[] second) {
        InetAddress[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** {@code current} without {@code owner}'s claims, plus {@code added}; null when nothing is left. */
    static NameEntry replace(NameEntry current, Owner owner, List<Claim> added) {
        List<Claim> claims = replace(current == null ? null : current.claims(), owner, added);
        return claims == null ? null : new NameEntry(claims);
    }

    /** {@code current} (null: none) without {@code owner}'s claims, plus {@code added}, in owner order; null when nothing is left. */
    static List<Claim> replace(List<Claim> current, Owner owner, List<Claim> added) {
        if (current == null && added.size() == 1) {
            return List.of(added.get(0)); // a new name, one claim: the first load's 100,000 times
        }
        List<Claim> claims = new ArrayList<>((current == null ? 0 : current.size()) + added.size());
        if (current != null) {
            for (Claim claim : current) {
                if (claim.owner() != owner) {
                    claims.add(claim);
                }
            }
        }
        claims.addAll(added);
        if (claims.isEmpty()) {
            return null;
        }
        claims.sort(OWNER_ORDER);
        return List.copyOf(claims);
    }
}
