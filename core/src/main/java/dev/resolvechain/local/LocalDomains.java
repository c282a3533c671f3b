package dev.resolvechain.local;

import dev.resolvechain.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Which names go to the local client: those equal to or ending in {@code .}suffix for one of the
 * suffixes of {@code local.domains}, or every name with {@code *}.
 */
final class LocalDomains {
    static final String EVERY_NAME = "*";

    private final List<String> suffixes;
    private final boolean everyName;

    /** @param domains suffixes, with or without leading and trailing dots, in any case; or {@code *} */
    LocalDomains(List<String> domains) {
        this.suffixes = suffixes(domains);
        this.everyName = suffixes.contains(EVERY_NAME);
    }

    boolean everyName() {
        return everyName;
    }

    List<String> suffixes() {
        return suffixes;
    }

    /** The suffix that {@code name} is under, {@code *} for every name, or null. */
    String domainOf(String name) {
        if (everyName) {
            return EVERY_NAME;
        }
        for (String domain : suffixes) {
            if (Names.isUnder(name, domain)) {
                return domain;
            }
        }
        return null;
    }

    /**
     * A name the client answers at once and without forwarding it anywhere: under its first domain
     * (it is authoritative there: NXDOMAIN), or under {@code invalid} (RFC 6761) for {@code *}.
     */
    String probeName(String label) {
        return label + "." + (everyName || suffixes.isEmpty() ? "invalid" : suffixes.get(0));
    }

    @Override
    public String toString() {
        return String.join(", ", suffixes);
    }

    private static List<String> suffixes(List<String> domains) {
        List<String> suffixes = new ArrayList<>(domains.size());
        for (String domain : domains) {
            String suffix = Names.bareDomain(domain);
            if (!suffix.isEmpty()) {
                suffixes.add(suffix);
            }
        }
        return List.copyOf(suffixes);
    }
}
