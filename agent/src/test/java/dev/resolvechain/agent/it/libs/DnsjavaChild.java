package dev.resolvechain.agent.it.libs;

import java.net.UnknownHostException;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * {@code DnsjavaChild NAME...}: looks up each NAME's A records with the application's own dnsjava,
 * {@code new Lookup(NAME, Type.A).run()} on its default resolver (the nameservers of resolv.conf).
 */
public final class DnsjavaChild {
    private DnsjavaChild() {
    }

    public static void main(String[] arguments) {
        Targets.reachEach(List.of(arguments), name -> {
            Lookup lookup = new Lookup(name, Type.A);
            Record[] records = lookup.run();
            if (lookup.getResult() != Lookup.SUCCESSFUL) {
                throw new UnknownHostException(name + ": " + lookup.getErrorString());
            }
            return ((ARecord) records[0]).getAddress().getHostAddress();
        });
    }
}
