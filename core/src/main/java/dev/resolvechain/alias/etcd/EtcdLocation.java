package dev.resolvechain.alias.etcd;

import dev.resolvechain.IpLiteral;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an etcd alias source is, as {@code aliases} names it: {@code etcd://HOST:PORT[,HOST:PORT...]/PREFIX}.
 * A member is an IP literal ({@code [::1]:2379} for IPv6) or a host name; the prefix is the path from
 * its leading slash, without a trailing one, and the owners' keys are {@code PREFIX/OWNER} and
 * {@code PREFIX/SCOPE/OWNER}. Knows nothing of how etcd is spoken to.
 */
public record EtcdLocation(List<Member> members, String prefix) {
    public static final String SCHEME = "etcd://";
    private static final int MAX_NAME_LENGTH = 253;

    public EtcdLocation {
        members = List.copyOf(members);
    }

    /** One member of the cluster, as written. */
    public record Member(String host, int port) {
        /** {@code host:port}, an IPv6 literal in brackets. */
        public String authority() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Whether {@code aliases} names an etcd source rather than a file or a directory. */
    public static boolean isEtcd(String aliases) {
        return aliases.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** Every key of the source starts with this. */
    public String keyPrefix() {
        return prefix + "/";
    }

    /** The end of the key range that holds every key under {@link #keyPrefix()} (etcd's {@code range_end}): '/' + 1. */
    public String rangeEnd() {
        return prefix + "0";
    }

    @Override
    public String toString() {
        List<String> written = new ArrayList<>(members.size());
        for (Member member : members) {
            written.add(member.authority());
        }
        return SCHEME + String.join(",", written) + prefix;
    }

    /** @throws IllegalArgumentException saying what in {@code text} is wrong */
    public static EtcdLocation parse(String text) {
        if (!isEtcd(text)) {
            throw new IllegalArgumentException("'" + text + "' is not an etcd location: " + SCHEME + "HOST:PORT[,HOST:PORT...]/PREFIX");
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String authorities = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no prefix: " + SCHEME + "HOST:PORT/PREFIX, e.g. /resolvechain/aliases");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '?' || c == '#' || c == '\\') {
                throw new IllegalArgumentException("'" + text + "': the prefix holds " + describe(c) + ", which no etcd location here may hold");
            }
        }
        if (prefix.contains("//")) {
            throw new IllegalArgumentException("'" + text + "': the prefix has an empty part ('//')");
        }
        List<Member> members = new ArrayList<>();
        for (String written : authorities.split(",", -1)) {
            Member member = member(text, written.trim());
            if (members.contains(member)) {
                throw new IllegalArgumentException("'" + text + "' names member " + member.authority() + " twice");
            }
            members.add(member);
        }
        return new EtcdLocation(members, prefix);
    }

    private static Member member(String text, String written) {
        if (written.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names an empty member: HOST:PORT between the commas");
        }
        String host;
        String port;
        if (written.startsWith("[")) {
            int close = written.indexOf(']');
            if (close < 0 || !written.startsWith(":", close + 1)) {
                throw new IllegalArgumentException("'" + text + "': member '" + written + "' is not [IPv6]:PORT");
            }
            host = written.substring(1, close);
            port = written.substring(close + 2);
            if (host.indexOf(':') < 0 || IpLiteral.parse(host) == null) {
                throw new IllegalArgumentException("'" + text + "': member '" + written + "' has no IPv6 address in its brackets");
            }
        } else {
            int colon = written.lastIndexOf(':');
            if (colon < 0 || written.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + text + "': member '" + written + "' is not HOST:PORT (an IPv6 address goes in brackets)");
            }
            host = written.substring(0, colon);
            port = written.substring(colon + 1);
            if (IpLiteral.parse(host) == null && !isHostName(host)) {
                throw new IllegalArgumentException("'" + text + "': member '" + written + "' is neither an IP address nor a host name");
            }
        }
        return new Member(host, port(text, written, port));
    }

    private static int port(String text, String written, String port) {
        int value = port.isEmpty() || port.length() > 5 ? -1 : 0;
        for (int i = 0; i < port.length() && value >= 0; i++) {
            char c = port.charAt(i);
            value = c >= '0' && c <= '9' ? value * 10 + (c - '0') : -1;
        }
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("'" + text + "': member '" + written + "' has port '" + port + "', not one from 1 to 65535");
        }
        return value;
    }

    private static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > MAX_NAME_LENGTH || host.startsWith(".") || host.startsWith("-") || host.contains("..")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static String describe(char c) {
        return c <= ' ' || c == 0x7f ? String.format("a control character or space (U+%04X)", (int) c) : "'" + c + "'";
    }
}
