package dev.resolvechain.dns;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Deadline;
import java.util.Arrays;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Questions answered from the cache when it can, from the client's servers otherwise; what the servers say is cached. */
public final class DnsLookup {
    private static final int[] A = {Type.A};
    private static final int[] AAAA = {Type.AAAA};
    private static final int[] A_AAAA = {Type.A, Type.AAAA};
    private static final int[] PTR = {Type.PTR};

    private final DnsClient client;
    private final DnsCache cache;

    public DnsLookup(DnsClient client, DnsCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /** The record types a forward lookup asks for under {@code policy}: A, AAAA or both. */
    public static int[] addressTypes(AddressPolicy policy) {
        if (policy.wantsIpv4() && policy.wantsIpv6()) {
            return A_AAAA;
        }
        return policy.wantsIpv4() ? A : AAAA;
    }

    public static int[] ptrType() {
        return PTR;
    }

    public DnsClient client() {
        return client;
    }

    /** The answers for {@code name} (lower case, no trailing dot) and each of {@code types}. */
    public DnsAnswers ask(String name, int[] types, Deadline deadline) {
        DnsAnswer[] answers = new DnsAnswer[types.length];
        int missing = fromCache(name, types, answers);
        if (missing > 0) {
            int[] asked = missing == types.length ? types : missingTypes(types, answers, missing);
            DnsAnswer[] fresh = askServers(name, asked, deadline);
            for (int i = 0, j = 0; i < types.length; i++) {
                if (answers[i] == null) {
                    answers[i] = fresh[j++];
                    cache.put(name, types[i], answers[i]);
                }
            }
        }
        return new DnsAnswers(name, types, answers);
    }

    /**
     * The answers the cache holds for {@code name}, the servers not asked: a type it lacks has failed
     * with {@code notAsked} (marked cached, as no server was asked).
     */
    public DnsAnswers cached(String name, int[] types, String notAsked) {
        DnsAnswer[] answers = new DnsAnswer[types.length];
        if (fromCache(name, types, answers) > 0) {
            for (int i = 0; i < types.length; i++) {
                answers[i] = answers[i] == null ? DnsAnswer.notAsked(notAsked) : answers[i];
            }
        }
        return new DnsAnswers(name, types, answers);
    }

    /**
     * The last answers with data the cache keeps for {@code name} (see {@link DnsCache#stale}), a type
     * without one failed with {@code none}; null when no type has one.
     */
    public DnsAnswers stale(String name, int[] types, String none) {
        DnsAnswer[] answers = new DnsAnswer[types.length];
        boolean any = false;
        for (int i = 0; i < types.length; i++) {
            answers[i] = cache.stale(name, types[i]);
            any |= answers[i] != null;
            answers[i] = answers[i] == null ? DnsAnswer.notAsked(none) : answers[i];
        }
        return any ? new DnsAnswers(name, types, answers) : null;
    }

    /** Fills {@code answers} from the cache; returns how many types it lacks. */
    private int fromCache(String name, int[] types, DnsAnswer[] answers) {
        int missing = 0;
        for (int i = 0; i < types.length; i++) {
            answers[i] = cache.get(name, types[i]);
            if (answers[i] == null) {
                missing++;
            }
        }
        return missing;
    }

    private DnsAnswer[] askServers(String name, int[] types, Deadline deadline) {
        Name dnsName;
        try {
            dnsName = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            DnsAnswer[] invalid = new DnsAnswer[types.length];
            Arrays.fill(invalid, DnsAnswer.failed("'" + name + "' is not a valid DNS name (" + e.getMessage() + ")"));
            return invalid;
        }
        return client.ask(dnsName, types, deadline);
    }

    private static int[] missingTypes(int[] types, DnsAnswer[] answers, int missing) {
        int[] asked = new int[missing];
        for (int i = 0, j = 0; i < types.length; i++) {
            if (answers[i] == null) {
                asked[j++] = types[i];
            }
        }
        return asked;
    }
}
