package dev.resolvechain.alias;

import dev.resolvechain.files.HostsLine;
import java.net.InetAddress;

/** One owner's claim of a name: an address, from a line of the owner's registration. */
public record Claim(InetAddress address, Owner owner, HostsLine line) {
}
