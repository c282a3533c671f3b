package dev.resolvechain.dns;

import dev.resolvechain.Names;
import dev.resolvechain.wire.Endpoint;
import java.util.List;

/**
 * The local tier's client and the names it asks it: those under its domains, as the application
 * wrote them. The host tier does not ask the client such a name again; any other name (another
 * domain, or a search-list expansion) it asks of the client as of any host nameserver, as a
 * vipclient-style client that forwards what it does not know expects.
 *
 * @param domains suffixes, normalized; {@code *} for every name
 */
public record LocalClientNames(Endpoint client, List<String> domains) {

    public LocalClientNames {
        domains = List.copyOf(domains);
    }

    /** Whether the local tier asked the client {@code name} (lower case, no trailing dot) already. */
    boolean asked(String name) {
        for (String domain : domains) {
            if (Names.isUnder(name, domain)) {
                return true;
            }
        }
        return false;
    }
}
