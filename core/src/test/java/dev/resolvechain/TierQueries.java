package dev.resolvechain;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** Asking one tier directly, as the chain would, in tests. */
public final class TierQueries {
    private TierQueries() {
    }

    public static Verdict forward(Tier tier, String name, AddressPolicy policy) {
        return tier.resolve(Query.forward(name, policy, Deadline.after(Duration.ofSeconds(5))));
    }

    public static Verdict reverse(Tier tier, String address) {
        return tier.resolve(Query.reverse(IpLiteral.parse(address).getAddress(), Deadline.after(Duration.ofSeconds(5))));
    }

    public static List<String> addresses(Verdict verdict) {
        return verdict.addresses().stream().map(InetAddress::getHostAddress).toList();
    }
}
