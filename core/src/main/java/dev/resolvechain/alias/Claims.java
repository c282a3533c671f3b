package dev.resolvechain.alias;

import java.util.List;

/**
 * The claims on a name or an address as the index keeps them: one claim (nearly every name and
 * address, with 100,000 one-line owners) is kept as itself rather than as a list of one, 24 bytes
 * less each.
 */
final class Claims {
    private Claims() {
    }

    static Object kept(List<Claim> claims) {
        return claims.size() == 1 ? claims.get(0) : claims;
    }

    @SuppressWarnings("unchecked")
    static List<Claim> list(Object kept) {
        return kept instanceof Claim claim ? List.of(claim) : (List<Claim>) kept;
    }
}
