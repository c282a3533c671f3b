package dev.resolvechain.alias;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Log;
import dev.resolvechain.Query;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import dev.resolvechain.hosts.HostsFormat;
import dev.resolvechain.hosts.Problem;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tier 1: the shared alias source, Docker's network aliases. A name that is an alias is answered
 * here and never sent on: if it has no address of the requested family, that is the answer
 * (forwarding such queries is what made Docker's AAAA lookups of container names time out).
 */
public final class AliasTier implements Tier {
    private final AliasSource source;
    private final Set<String> scopes;
    private volatile AliasTable table;

    public AliasTier(AliasSource source, Set<String> scopes) {
        this.source = source;
        this.scopes = Set.copyOf(scopes);
        this.table = AliasTable.empty();
    }

    /** Reads the source now; problems are logged and returned (their owners are left out). */
    public List<Problem> load() {
        AliasSource.Scan scan = source.scan();
        for (Problem problem : scan.problems()) {
            Log.warn("alias registration not loaded: " + problem);
        }
        table = new AliasTable(scan.registrations(), scopes);
        return scan.problems();
    }

    public AliasTable table() {
        return table;
    }

    @Override
    public String name() {
        return "alias";
    }

    @Override
    public Verdict resolve(Query query) {
        AliasTable current = table;
        if (query.reverse()) {
            AliasTable.Claim claim = current.claimOf(IpLiteral.of(query.address()));
            return claim == null
                    ? Verdict.fallthrough("no alias has this address")
                    : Verdict.answerName(claim.line().names().get(0), describe(claim));
        }
        List<AliasTable.Claim> claims = current.claims(query.name());
        if (claims.isEmpty()) {
            return Verdict.fallthrough("not an alias (" + current.nameCount() + " names from "
                    + current.registrations().size() + " owners in " + source.path() + ")");
        }
        Set<InetAddress> addresses = new LinkedHashSet<>();
        StringBuilder detail = new StringBuilder();
        for (AliasTable.Claim claim : claims) {
            if (query.policy().accepts(claim.address()) && addresses.add(claim.address())) {
                detail.append(detail.length() == 0 ? "" : ", ").append(claim.address().getHostAddress())
                        .append(" (").append(describe(claim)).append(')');
            }
        }
        if (addresses.isEmpty()) {
            return Verdict.fail("alias '" + query.name() + "' has no address of the requested family (owners: "
                    + owners(claims) + "); not sent on to DNS");
        }
        return Verdict.answer(query.policy().apply(new ArrayList<>(addresses)), detail.toString());
    }

    /**
     * The fast path for the JDK's cache: the addresses of {@code host} when it is an alias with
     * addresses of the wanted family, named {@code host}, in a new array; null in every other case
     * (not an alias, no address of the family), where the full chain must decide.
     */
    public InetAddress[] fastAnswer(String host, AddressPolicy policy) {
        List<AliasTable.Claim> claims = table.claims(HostsFormat.normalize(host));
        if (claims.isEmpty()) {
            return null;
        }
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (AliasTable.Claim claim : claims) {
            if (policy.accepts(claim.address())) {
                addresses.add(claim.address());
            }
        }
        if (addresses.isEmpty()) {
            return null;
        }
        List<InetAddress> ordered = policy.apply(new ArrayList<>(addresses));
        InetAddress[] named = new InetAddress[ordered.size()];
        for (int i = 0; i < named.length; i++) {
            named[i] = IpLiteral.withName(host, ordered.get(i));
        }
        return named;
    }

    private static String describe(AliasTable.Claim claim) {
        return "owner " + claim.registration().label() + ", " + claim.registration().file() + ":" + claim.line().lineNumber();
    }

    private static String owners(List<AliasTable.Claim> claims) {
        Set<String> owners = new LinkedHashSet<>();
        for (AliasTable.Claim claim : claims) {
            owners.add(claim.registration().label());
        }
        return String.join(", ", owners);
    }
}
