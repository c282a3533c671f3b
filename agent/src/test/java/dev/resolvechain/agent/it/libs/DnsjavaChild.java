package dev.resolvechain.agent.it.libs;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * {@code DnsjavaChild [TYPE:]NAME...}: looks up each NAME's records of TYPE (A when none is given;
 * A, AAAA or TXT) with the application's own dnsjava, {@code new Lookup(NAME, TYPE).run()} on its
 * default resolver (the nameservers of resolv.conf). A lookup that finds nothing prints dnsjava's
 * reason: "host not found" (NXDOMAIN) or "type not found" (the name has no record of that type).
 */
public final class DnsjavaChild {
    private DnsjavaChild() {
    }

    public static void main(String[] arguments) {
        Targets.reachEach(List.of(arguments), question -> {
            int colon = question.indexOf(':');
            String name = question.substring(colon + 1);
            int type = colon < 0 ? Type.A : Type.value(question.substring(0, colon));
            Lookup lookup = new Lookup(name, type);
            Record[] records = lookup.run();
            if (lookup.getResult() != Lookup.SUCCESSFUL) {
                throw new UnknownHostException(name + ": " + lookup.getErrorString());
            }
            List<String> found = new ArrayList<>();
            for (Record record : records) {
                found.add(record instanceof ARecord a ? a.getAddress().getHostAddress()
                        : record instanceof AAAARecord aaaa ? aaaa.getAddress().getHostAddress()
                        : record instanceof TXTRecord txt ? String.join(" ", txt.getStrings()) : record.rdataToString());
            }
            return String.join(",", found);
        });
    }
}
