package dev.resolvechain.alias;

import dev.resolvechain.Clocks;
import dev.resolvechain.Log;
import dev.resolvechain.observe.JfrEvents;
import dev.resolvechain.files.HostsLine;
import dev.resolvechain.files.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The live registrations, whatever their source: every owner known (also those whose registration
 * does not parse), and the index built from the registrations in force. An {@link AliasSource}
 * keeps it current; the alias tier reads it. Updates come from one thread at a time (the source's);
 * lookups read without a lock.
 */
public final class AliasRegistry {
    /** How the alias source is named in JFR reload events. */
    private static final String SOURCE = "alias source";
    private static final int MAX_CONFLICT_WARNINGS = 5;

    /** Not {@code Comparator.comparing}: this class loads as the chain is built, where a lambda's bootstrap costs milliseconds. */
    private static final Comparator<Owner> BY_LABEL = new Comparator<>() {
        @Override
        public int compare(Owner a, Owner b) {
            return a.label().compareTo(b.label());
        }
    };

    private final LongSupplier clock;
    private volatile AliasIndex index = new AliasIndex(0);
    /** By identity and guarded by itself, not a concurrent set: no node per owner (100,000 owners keep 2 MB less). */
    private final Set<Owner> owners = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile List<Problem> sourceProblems = List.of();
    private volatile long lastChangeMillis;

    /** An owner's new registration, put into the index by {@link #apply}. */
    public record Change(Owner owner, List<HostsLine> lines, long refreshedMillis) {
    }

    public AliasRegistry() {
        this(Clocks.WALL_MILLIS);
    }

    /** @param clock wall-clock milliseconds, for when the index last changed */
    public AliasRegistry(LongSupplier clock) {
        this.clock = clock;
    }

    AliasIndex index() {
        return index;
    }

    /**
     * Puts the owners' new registrations into the index. The first load fills a new index sized
     * for it, published when complete: growing hash tables step by step to 100,000 names costs
     * more than reading the files.
     */
    public synchronized void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        AliasIndex target = index;
        if (target.nameCount() == 0) {
            int names = 0;
            for (Change change : changes) {
                for (HostsLine line : change.lines()) {
                    names += line.names().size();
                }
            }
            target = new AliasIndex(names);
        }
        List<String> conflicts = new ArrayList<>();
        for (Change change : changes) {
            Set<String> claimedBefore = names(change.owner().lines());
            target.replace(change.owner(), change.owner().lines(), change.lines());
            change.owner().accept(change.lines(), change.refreshedMillis());
            known(change.owner());
            for (String name : names(change.lines())) {
                NameEntry entry = target.lookup(name);
                if (!claimedBefore.contains(name) && entry != null && entry.owners().size() > 1) {
                    conflicts.add("'" + name + "' is now claimed by " + entry.owners().size() + " owners (" + String.join(", ", entry.owners())
                            + "): every one of their addresses is answered");
                }
            }
        }
        warnConflicts(conflicts);
        index = target;
        lastChangeMillis = clock.getAsLong();
        JfrEvents.reload(SOURCE, true, changes.size() + " owners' registrations changed");
    }

    private static Set<String> names(List<HostsLine> lines) {
        Set<String> names = new HashSet<>();
        for (HostsLine line : lines) {
            names.addAll(line.names());
        }
        return names;
    }

    /** A name that gains a second owner may be the seed's incident (a dead container's registration kept): said, at most 5 lines a time. */
    private static void warnConflicts(List<String> conflicts) {
        for (int i = 0; i < Math.min(conflicts.size(), MAX_CONFLICT_WARNINGS); i++) {
            Log.warn("alias " + conflicts.get(i));
        }
        if (conflicts.size() > MAX_CONFLICT_WARNINGS) {
            Log.warn("and " + (conflicts.size() - MAX_CONFLICT_WARNINGS) + " more alias names now claimed by several owners (check lists them)");
        }
    }

    /** {@code owner}'s registration is unchanged, and it showed a sign of life at {@code refreshedMillis}. */
    public void refreshed(Owner owner, long refreshedMillis) {
        owner.refresh(refreshedMillis);
        known(owner);
    }

    /** {@code owner} unregistered: its claims leave the index. */
    public synchronized void remove(Owner owner) {
        synchronized (owners) {
            owners.remove(owner);
        }
        index.replace(owner, owner.lines(), List.of());
        owner.accept(List.of(), owner.refreshedMillis());
        lastChangeMillis = clock.getAsLong();
    }

    /** {@code owner}'s new registration cannot be taken: its last good one stays in force. Logged once per new set of problems. */
    public void reject(Owner owner, List<Problem> problems) {
        if (!problems.equals(owner.problems())) {
            String consequence = owner.lines().isEmpty()
                    ? "owner " + owner.label() + " has no registration in force"
                    : "the owner's last good registration stays in force";
            for (Problem problem : problems) {
                Log.warn("alias registration not loaded (" + consequence + "): " + problem);
            }
            JfrEvents.reload(SOURCE, false, "owner " + owner.label() + ": " + problems.get(0) + " (" + consequence + ")");
        }
        owner.reject(problems);
        known(owner);
    }

    private void known(Owner owner) {
        synchronized (owners) {
            owners.add(owner);
        }
    }

    /** What keeps the source itself from being read now (registrations in force are kept). Logged when it changes. */
    public void sourceProblems(List<Problem> problems) {
        if (!problems.equals(sourceProblems)) {
            for (Problem problem : problems) {
                Log.warn("alias source not read (registrations in force are kept): " + problem);
            }
        }
        sourceProblems = List.copyOf(problems);
    }

    /** Every owner known, including those whose registration does not parse, by label. */
    public List<Owner> owners() {
        List<Owner> sorted;
        synchronized (owners) {
            sorted = new ArrayList<>(owners);
        }
        sorted.sort(BY_LABEL);
        return sorted;
    }

    /** Problems of the source itself and of every registration not in force. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>(sourceProblems);
        for (Owner owner : owners()) {
            problems.addAll(owner.problems());
        }
        return problems;
    }

    /** The names claimed by more than one owner, each with its claims. */
    public Map<String, List<Claim>> claimedByMany() {
        return index.claimedByMany();
    }

    /** When the index last changed (epoch millis), 0 before any change. */
    public long lastChangeMillis() {
        return lastChangeMillis;
    }

    public int nameCount() {
        return index.nameCount();
    }
}
