package dev.resolvechain.alias;

import dev.resolvechain.files.HostsLine;
import dev.resolvechain.files.Problem;
import java.util.List;

/**
 * One owner's registration: its lines, in force until a good new version replaces them.
 * {@code refreshedMillis} is the owner's last sign of life (a file's modification time, moved
 * forward by a {@code heartbeat} without touching the index). {@code scope} is null for unscoped
 * owners. {@code location} says where the registration is ({@code /srv/aliases/web-1.hosts}); it
 * is printed, never parsed, and found by the source's {@link Locator} only when a message needs
 * it: 100,000 owners keep no path each.
 */
public final class Owner {
    /** Where a source's owners are: one per source, shared by its owners. */
    public interface Locator {
        Object locate(Owner owner);
    }

    private final String name;
    private final String scope;
    private final Locator locator;
    private volatile List<HostsLine> lines = List.of();
    private volatile long refreshedMillis;
    private volatile List<Problem> problems = List.of();

    public Owner(String name, String scope, Locator locator) {
        this.name = name;
        this.scope = scope;
        this.locator = locator;
    }

    public String name() {
        return name;
    }

    public String scope() {
        return scope;
    }

    public Object location() {
        return locator.locate(this);
    }

    /** The lines in force: the last version of the registration that parsed. */
    public List<HostsLine> lines() {
        return lines;
    }

    public long refreshedMillis() {
        return refreshedMillis;
    }

    /** Why the registration's current version is not in force; empty when it is. */
    public List<Problem> problems() {
        return problems;
    }

    /** {@code web-1} or {@code web-1 (scope net1)}. */
    public String label() {
        return scope == null ? name : name + " (scope " + scope + ")";
    }

    /** {@code /srv/aliases/web-1.hosts:2}: where one of its lines is. */
    String where(HostsLine line) {
        return location() + ":" + line.lineNumber();
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
