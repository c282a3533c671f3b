package dev.resolvechain.alias;

import dev.resolvechain.hosts.HostsLine;
import java.net.InetAddress;

/** One owner's claim of a name: an address, from a line of the owner's file. */
public record Claim(InetAddress address, Owner owner, HostsLine line) {

    /** {@code owner web-1, /srv/aliases/web-1.hosts:2}. */
    public String describe() {
        return "owner " + owner.label() + ", " + owner.file() + ":" + line.lineNumber();
    }
}
