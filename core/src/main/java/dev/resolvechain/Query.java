package dev.resolvechain;

import java.util.Locale;

/**
 * One lookup as the tiers see it. A forward query asks for the addresses of {@link #name()}; a
 * reverse query asks for the host name of {@link #address()}, and its name is the address's
 * {@code in-addr.arpa} / {@code ip6.arpa} name, so that DNS-speaking tiers can route it like any name.
 *
 * @param name     lower case, without a trailing dot
 * @param absolute the caller wrote a trailing dot: no search list applies
 */
public record Query(String name, boolean absolute, boolean reverse, byte[] address, AddressPolicy policy, Deadline deadline) {

    public static Query forward(String name, AddressPolicy policy, Deadline deadline) {
        boolean absolute = name.endsWith(".") && name.length() > 1;
        String normalized = (absolute ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
        return new Query(normalized, absolute, false, null, policy, deadline);
    }

    public static Query reverse(byte[] address, Deadline deadline) {
        return new Query(reverseName(address), true, true, address.clone(), AddressPolicy.AS_ANSWERED, deadline);
    }

    /** {@code 4.3.2.1.in-addr.arpa} for 1.2.3.4; nibbles under {@code ip6.arpa} for IPv6. */
    static String reverseName(byte[] address) {
        StringBuilder name = new StringBuilder(address.length == 4 ? 29 : 73);
        if (address.length == 4) {
            for (int i = 3; i >= 0; i--) {
                name.append(address[i] & 0xff).append('.');
            }
            return name.append("in-addr.arpa").toString();
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
        }
        for (int i = 15; i >= 0; i--) {
            name.append(Character.forDigit(address[i] & 0xf, 16)).append('.')
                .append(Character.forDigit((address[i] >> 4) & 0xf, 16)).append('.');
        }
        return name.append("ip6.arpa").toString();
    }
}
