package dev.resolvechain.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The records a {@link TestDnsServer} serves. Safe to change while queries are being answered. */
final class Zone {

    /** Longer chains are loops: answering stops there rather than spinning. */
    private static final int MAX_CNAME_HOPS = 16;

    /** Each name's records by type. The inner maps are immutable and replaced whole, so readers need no lock. */
    private final Map<Name, Map<Integer, List<Record>>> records = new ConcurrentHashMap<>();

    /**
     * Makes {@code rrset} all the records of {@code type} at {@code name}. An empty one removes that type but
     * leaves the name existing, so that queries for it get NODATA rather than NXDOMAIN.
     */
    void put(Name name, int type, List<Record> rrset) {
        records.compute(name, (owner, existing) -> {
            Map<Integer, List<Record>> byType = existing == null ? new HashMap<>() : new HashMap<>(existing);
            if (rrset.isEmpty()) {
                byType.remove(type);
            } else {
                byType.put(type, List.copyOf(rrset));
            }
            return Map.copyOf(byType);
        });
    }

    void remove(Name name) {
        records.remove(name);
    }

    /**
     * Fills {@code response} with the answer to {@code question}, following CNAMEs within this zone the way
     * a recursive resolver would: the chain, then the final records, or the negative answer for the chain's end.
     */
    void answer(Record question, Message response) {
        Name name = question.getName();
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            Map<Integer, List<Record>> owned = records.get(name);
            if (owned == null) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
                addAuthority(name, response);
                return;
            }
            List<Record> matching = owned.get(question.getType());
            if (matching != null) {
                matching.forEach(record -> response.addRecord(record, Section.ANSWER));
                return;
            }
            List<Record> cname = owned.get(Type.CNAME);
            if (cname == null) {
                addAuthority(name, response);
                return;
            }
            response.addRecord(cname.get(0), Section.ANSWER);
            name = ((CNAMERecord) cname.get(0)).getTarget();
        }
    }

    /** Adds the SOA of the closest zone enclosing {@code name}, if there is one, as negative answers carry it. */
    void addAuthority(Name name, Message response) {
        for (int skipped = 0; skipped < name.labels(); skipped++) {
            List<Record> soa = records.getOrDefault(new Name(name, skipped), Map.of()).get(Type.SOA);
            if (soa != null) {
                response.addRecord(soa.get(0), Section.AUTHORITY);
                return;
            }
        }
    }
}
