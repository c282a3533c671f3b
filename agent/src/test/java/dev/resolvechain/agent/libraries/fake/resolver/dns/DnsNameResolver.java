package dev.resolvechain.agent.libraries.fake.resolver.dns;

import java.util.ArrayList;
import java.util.List;

/** Netty's {@code DnsNameResolver} in shape only (the weaver knows it by name): its methods record that they ran as written. */
public class DnsNameResolver {
    public final List<String> ranAsWritten = new ArrayList<>();
    private int loops;

    /** Starts with a loop, so that its first instruction is a jump target with a stack map frame of its own. */
    protected void doResolve(String host, Object[] additionals, Object promise, Object cache) {
        do {
            loops++;
        } while (loops < 0);
        ranAsWritten.add("doResolve " + host);
    }

    protected void doResolveAll(String host, Object[] additionals, Object promise, Object cache) {
        ranAsWritten.add("doResolveAll " + host);
    }

    /** Not woven: not four arguments. */
    protected void doResolve(String host, Object promise) {
        ranAsWritten.add("two arguments " + host);
    }
}
