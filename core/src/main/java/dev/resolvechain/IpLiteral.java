package dev.resolvechain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * IP address literals, parsed without ever asking a resolver: the chain's own code must not
 * re-enter {@code InetAddress} name resolution.
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /** The address written in {@code text} (IPv4, IPv6, IPv6 with a {@code %zone}), or null if it is not a literal. */
    public static InetAddress parse(String text) {
        String literal = text;
        String zone = null;
        int percent = text.indexOf('%');
        if (percent >= 0) {
            literal = text.substring(0, percent);
            zone = text.substring(percent + 1);
        }
        byte[] bytes = Address.toByteArray(literal, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(literal, Address.IPv6);
        }
        if (bytes == null || (zone != null && bytes.length != 16)) {
            return null;
        }
        try {
            if (zone == null || zone.isEmpty()) {
                return InetAddress.getByAddress(bytes);
            }
            if (zone.chars().allMatch(Character::isDigit)) {
                return Inet6Address.getByAddress(null, bytes, Integer.parseInt(zone));
            }
            NetworkInterface nic = NetworkInterface.getByName(zone);
            return nic == null ? null : Inet6Address.getByAddress(null, bytes, nic);
        } catch (UnknownHostException | SocketException | NumberFormatException e) {
            return null;
        }
    }

    /** The address of 4 or 16 raw bytes. */
    public static InetAddress of(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length, e);
        }
    }

    /** As {@link #parse} with a host name attached, so that {@code getHostName()} needs no reverse lookup. */
    public static InetAddress withName(String hostName, InetAddress address) {
        try {
            if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                return Inet6Address.getByAddress(hostName, v6.getAddress(), v6.getScopeId());
            }
            return InetAddress.getByAddress(hostName, address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
