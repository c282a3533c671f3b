package dev.resolvechain.alias;

import dev.resolvechain.hosts.HostsLine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One owner's registration: the lines of its file. {@code scope} is null for unscoped entries.
 * {@code refreshed} is the file's modification time: the owner's last sign of life.
 */
public record Registration(String owner, String scope, Path file, List<HostsLine> lines, Instant refreshed) {
    public Registration {
        lines = List.copyOf(lines);
    }

    /** {@code web-1} or {@code web-1 (scope net1)}. */
    public String label() {
        return scope == null ? owner : owner + " (scope " + scope + ")";
    }
}
