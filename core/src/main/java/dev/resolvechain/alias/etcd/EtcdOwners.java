package dev.resolvechain.alias.etcd;

import dev.resolvechain.Clocks;
import dev.resolvechain.Quoted;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.Owner;
import dev.resolvechain.alias.RegistrationRules;
import dev.resolvechain.files.HostsFormat;
import dev.resolvechain.files.HostsLine;
import dev.resolvechain.files.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The owners an etcd prefix holds, as this JVM knows them: each key's owner and the revision that
 * last changed it. Turns a whole load, or one watch response, into registry changes; a key is
 * {@code PREFIX/OWNER} or {@code PREFIX/SCOPE/OWNER}, and its value is an alias file's text. Keys of
 * other shapes are problems of the source, and keys of scopes this JVM does not see are left out.
 * Called from one thread at a time (the source's).
 */
final class EtcdOwners {
    /** One key as etcd holds it: the key's full text, its value, and the revision that last changed it. */
    record Kv(String key, String value, long modRevision) {
    }

    private static final class Tracked {
        final Owner owner;
        long modRevision;

        Tracked(Owner owner) {
            this.owner = owner;
        }
    }

    private final EtcdLocation location;
    private final Set<String> scopes;
    private final AliasRegistry registry;
    private final LongSupplier clock;
    private final Map<String, Tracked> byKey = new HashMap<>();
    private final Map<String, Problem> badKeys = new TreeMap<>();
    private final Owner.Locator locator = new Owner.Locator() {
        @Override
        public Object locate(Owner owner) {
            return location.toString() + "/" + (owner.scope() == null ? "" : owner.scope() + "/") + owner.name();
        }
    };

    /** {@code scopes}: those seen besides the unscoped owners; null: every scope ({@code check}). */
    EtcdOwners(EtcdLocation location, Set<String> scopes, AliasRegistry registry) {
        this(location, scopes, registry, Clocks.WALL_MILLIS);
    }

    EtcdOwners(EtcdLocation location, Set<String> scopes, AliasRegistry registry, LongSupplier clock) {
        this.location = location;
        this.scopes = scopes == null ? null : Set.copyOf(scopes);
        this.registry = registry;
        this.clock = clock;
    }

    /** The prefix held {@code kvs} and nothing else at one revision: every other owner known unregistered. */
    void load(List<Kv> kvs) {
        Set<String> present = new HashSet<>();
        for (Kv kv : kvs) {
            present.add(kv.key());
        }
        List<String> gone = new ArrayList<>();
        for (String key : byKey.keySet()) {
            if (!present.contains(key)) {
                gone.add(key);
            }
        }
        badKeys.keySet().retainAll(present);
        change(kvs, gone);
    }

    /**
     * One revision's (or one watch response's) puts and deletes. Puts go first: an alias moved from
     * one owner to another in one transaction is never absent in between. A change older than what
     * is known (an event seen again after a reconnection) is ignored.
     */
    void change(List<Kv> puts, List<String> deletes) {
        long now = clock.getAsLong();
        List<AliasRegistry.Change> changes = new ArrayList<>();
        for (Kv kv : puts) {
            Owner owner = owner(kv.key());
            if (owner == null) {
                continue;
            }
            Tracked tracked = byKey.computeIfAbsent(kv.key(), key -> new Tracked(owner));
            if (tracked.modRevision >= kv.modRevision() && kv.modRevision() > 0) {
                continue;
            }
            Object where = locator.locate(owner);
            HostsFormat.Parsed parsed = HostsFormat.parse(kv.value(), where);
            List<Problem> problems = parsed.problems().isEmpty() ? RegistrationRules.reserved(parsed.lines(), where) : parsed.problems();
            if (!problems.isEmpty()) {
                registry.reject(tracked.owner, problems); // its revision stays that of the lines in force: a reload reads the key again
                continue;
            }
            tracked.modRevision = kv.modRevision();
            if (tracked.owner.lines().equals(parsed.lines())) {
                registry.refreshed(tracked.owner, now);
            } else {
                changes.add(new AliasRegistry.Change(tracked.owner, parsed.lines(), now));
            }
        }
        registry.apply(changes);
        for (String key : deletes) {
            badKeys.remove(key);
            Tracked tracked = byKey.remove(key);
            if (tracked != null) {
                registry.remove(tracked.owner);
            }
        }
    }

    /** The owner {@code key} names, new or known; null for a key of another scope or shape (the latter a problem). */
    private Owner owner(String key) {
        Tracked known = byKey.get(key);
        if (known != null) {
            return known.owner;
        }
        String rest = key.startsWith(location.keyPrefix()) ? key.substring(location.keyPrefix().length()) : null;
        int slash = rest == null ? -1 : rest.indexOf('/');
        String scope = slash < 0 ? null : rest.substring(0, slash).toLowerCase(Locale.ROOT);
        String name = slash < 0 ? rest : rest.substring(slash + 1);
        if (name == null || name.isEmpty() || name.startsWith(".") || name.indexOf('/') >= 0 || (scope != null && scope.isEmpty())) {
            badKeys.put(key, new Problem(location.toString(), 0, "key " + Quoted.of(key, 120) + " is neither "
                    + location.keyPrefix() + "OWNER nor " + location.keyPrefix() + "SCOPE/OWNER: not read"));
            return null;
        }
        if (scope != null && scopes != null && !scopes.contains(scope)) {
            return null;
        }
        return new Owner(name, scope, locator);
    }

    /** Keys that name no owner, the first {@link HostsFormat#MAX_PROBLEMS}, then a count of the others. */
    List<Problem> keyProblems() {
        List<Problem> problems = new ArrayList<>(Math.min(badKeys.size(), HostsFormat.MAX_PROBLEMS + 1));
        for (Problem problem : badKeys.values()) {
            if (problems.size() == HostsFormat.MAX_PROBLEMS) {
                problems.add(new Problem(location.toString(), 0, "and " + (badKeys.size() - problems.size()) + " more keys that name no owner"));
                break;
            }
            problems.add(problem);
        }
        return problems;
    }

    /** What a snapshot keeps: each key with the revision and lines in force. */
    List<Kv> inForce() {
        List<Kv> kvs = new ArrayList<>(byKey.size());
        for (Map.Entry<String, Tracked> entry : byKey.entrySet()) {
            List<HostsLine> lines = entry.getValue().owner.lines();
            if (!lines.isEmpty()) {
                StringBuilder text = new StringBuilder();
                for (HostsLine line : lines) {
                    text.append(line.address().getHostAddress()).append(' ').append(String.join(" ", line.names())).append('\n');
                }
                kvs.add(new Kv(entry.getKey(), text.toString(), entry.getValue().modRevision));
            }
        }
        return kvs;
    }

    /** The revisions known mean nothing any more (another cluster, or one restored from a backup): the next load compares values. */
    void forgetRevisions() {
        for (Tracked tracked : byKey.values()) {
            tracked.modRevision = 0;
        }
    }

    int size() {
        return byKey.size();
    }
}
