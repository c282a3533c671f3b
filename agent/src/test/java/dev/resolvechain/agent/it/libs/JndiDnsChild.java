package dev.resolvechain.agent.it.libs;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * {@code JndiDnsChild TYPE:NAME...}: asks JNDI's DNS provider ({@code dns:}, the nameservers of
 * resolv.conf) for NAME's records of TYPE, as LDAP and Kerberos server discovery does.
 */
public final class JndiDnsChild {
    private JndiDnsChild() {
    }

    public static void main(String[] arguments) throws NamingException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        environment.put(Context.PROVIDER_URL, "dns:");
        DirContext dns = new InitialDirContext(environment);
        Targets.reachEach(List.of(arguments), question -> {
            String type = question.substring(0, question.indexOf(':'));
            String name = question.substring(type.length() + 1);
            Attribute records = dns.getAttributes(name, new String[] {type}).get(type);
            if (records == null) {
                throw new UnknownHostException(name + ": no " + type + " record");
            }
            List<String> values = new ArrayList<>();
            for (NamingEnumeration<?> each = records.getAll(); each.hasMore(); ) {
                values.add(String.valueOf(each.next()));
            }
            return String.join(",", values);
        });
    }
}
