package dev.resolvechain.files;

import java.net.InetAddress;
import java.util.List;

/** One {@code IP name [name ...]} line of a hosts-format file; names lower case, without trailing dot. */
public record HostsLine(InetAddress address, List<String> names, int lineNumber) {
    public HostsLine {
        names = List.copyOf(names);
    }
}
