package dev.resolvechain.alias;

import dev.resolvechain.hosts.HostsLine;
import dev.resolvechain.hosts.Problem;
import java.nio.file.Path;
import java.util.List;

/**
 * One owner's registration: the lines of its file, in force until a good new version replaces
 * them. {@code refreshedMillis} is the file's modification time, the owner's last sign of life,
 * moved forward by a {@code heartbeat} without touching the index. {@code scope} is null for
 * unscoped owners.
 */
public final class Owner {
    private final String name;
    private final String scope;
    private final Path file;
    private volatile List<HostsLine> lines = List.of();
    private volatile long refreshedMillis;
    private volatile List<Problem> problems = List.of();

    Owner(String name, String scope, Path file) {
        this.name = name;
        this.scope = scope;
        this.file = file;
    }

    public String name() {
        return name;
    }

    public String scope() {
        return scope;
    }

    public Path file() {
        return file;
    }

    /** The lines in force: the last version of the file that parsed. */
    public List<HostsLine> lines() {
        return lines;
    }

    public long refreshedMillis() {
        return refreshedMillis;
    }

    /** Why the file's current version is not in force; empty when it is. */
    public List<Problem> problems() {
        return problems;
    }

    /** {@code web-1} or {@code web-1 (scope net1)}. */
    public String label() {
        return scope == null ? name : name + " (scope " + scope + ")";
    }

    void accept(List<HostsLine> newLines, long modifiedMillis) {
        lines = List.copyOf(newLines);
        refreshedMillis = modifiedMillis;
        problems = List.of();
    }

    void refresh(long modifiedMillis) {
        refreshedMillis = modifiedMillis;
        problems = List.of();
    }

    void reject(List<Problem> newProblems) {
        problems = List.copyOf(newProblems);
    }
}
