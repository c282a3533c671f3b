package dev.resolvechain.alias;

import dev.resolvechain.Log;
import dev.resolvechain.hosts.HostsFormat;
import dev.resolvechain.hosts.HostsLine;
import dev.resolvechain.hosts.Problem;
import dev.resolvechain.hosts.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The live registrations: which owners exist, what each one's file said last time it parsed, and
 * the index built from them. {@link #refresh} brings it up to date with the files; only the files
 * whose size, modification time or identity changed are read again.
 *
 * <p>A writer that rewrites a file in place could be caught half-way, so a file is read only once
 * it has not changed for {@link #SETTLE_MILLIS}, and an empty file or one not ending in a newline
 * (a writer between truncating and finishing) only once it has not changed for
 * {@link #INCOMPLETE_SETTLE_MILLIS}; a file dated in the future (another machine's clock) is
 * unchanged since this registry first saw it; a file that changes while it is read is read again
 * later. A file that does not parse leaves its owner's last good registration in force. A deleted
 * file is an unregister. Nothing is lost when the source cannot be listed.
 */
public final class AliasRegistry {
    static final long SETTLE_MILLIS = 30;
    static final long INCOMPLETE_SETTLE_MILLIS = 1000;
    /** A first look at this many files or more is shared by several threads. */
    static final int PARALLEL_FIRST_LOOK_FILES = 512;
    private static final int MAX_LOOK_THREADS = 4;

    private final AliasSource source;
    private final Set<String> scopes;
    private final LongSupplier clock;
    private volatile AliasIndex index = new AliasIndex(0);
    // concurrent: the first look at a large source is made by several threads
    private final Map<Path, Tracked> tracked = new ConcurrentHashMap<>();
    private final Set<Path> pendingFiles = ConcurrentHashMap.newKeySet();
    /** Files dated in the future, not read yet: when this registry first saw their current version. */
    private final Map<Path, Sighting> futureDated = new ConcurrentHashMap<>();
    private volatile List<Problem> sourceProblems = List.of();
    private volatile long lastChangeMillis;

    /** What was last seen of a file, and the owner it registers. */
    private record Tracked(Owner owner, long size, long modifiedMillis, Object fileKey) {
    }

    /** An owner's new registration, read in one refresh and put into the index at its end. */
    private record Change(Owner owner, List<HostsLine> lines, long modifiedMillis) {
    }

    /** A version of a file (size, modification time, identity) and when it was first seen. */
    private record Sighting(long size, long modifiedMillis, Object fileKey, long seenMillis) {
    }

    public AliasRegistry(AliasSource source, Set<String> scopes) {
        this(source, scopes, System::currentTimeMillis);
    }

    /** @param scopes the scopes this JVM sees besides the unscoped owners; null: every scope (for {@code check}) */
    AliasRegistry(AliasSource source, Set<String> scopes, LongSupplier clock) {
        this.source = source;
        this.scopes = scopes == null ? null : Set.copyOf(scopes);
        this.clock = clock;
    }

    /** A registry of every owner in every scope, for validating the whole source. */
    public static AliasRegistry ofEveryScope(AliasSource source) {
        return new AliasRegistry(source, null, System::currentTimeMillis);
    }

    AliasIndex index() {
        return index;
    }

    public AliasSource source() {
        return source;
    }

    /**
     * Reads every owner file that changed since the last call. Returns how many milliseconds later
     * a file still being written should be looked at again, or 0 when none is pending.
     */
    public synchronized long refresh() {
        AliasSource.Listing listing = source.list(scopes);
        reportSource(listing.problems());
        // a place that cannot be listed unregisters nobody; the rest of the source is still read
        Set<Path> unlisted = new HashSet<>();
        for (Problem problem : listing.problems()) {
            unlisted.add(Path.of(problem.file()));
        }
        List<AliasSource.OwnerFile> files = listing.files();
        List<Change> changes = new ArrayList<>();
        long pending = tracked.isEmpty() && files.size() >= PARALLEL_FIRST_LOOK_FILES
                ? lookInParallel(files, changes)
                : new Look(files, new AtomicInteger(), changes).lookAll();
        apply(changes);
        int listedAndTracked = 0;
        for (AliasSource.OwnerFile file : files) {
            listedAndTracked += tracked.containsKey(file.file()) ? 1 : 0;
        }
        if (listedAndTracked < tracked.size() || !futureDated.isEmpty()) {
            // a set of every listed file only when some tracked file was not listed: a poll of 10,000 unchanged owners stays cheap
            Set<Path> present = new HashSet<>();
            for (AliasSource.OwnerFile file : files) {
                present.add(file.file());
            }
            futureDated.keySet().retainAll(present);
            for (Tracked gone : new ArrayList<>(tracked.values())) {
                Path file = gone.owner().file();
                if (!present.contains(file) && !unlisted.contains(file.getParent()) && !unlisted.contains(source.path())) {
                    unregister(gone.owner());
                }
            }
        }
        return pending;
    }

    /**
     * As {@link #refresh()}, then waits for files still being written, up to {@code patience}:
     * at start, so that a registration written just before the JVM started is already in force.
     */
    public void refreshSettled(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pending = refresh();
        while (pending > 0 && deadline - System.nanoTime() > 0) {
            try {
                Thread.sleep(Math.min(pending, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pending = refresh();
        }
    }

    /** As {@link #refresh()}, for files an event named; a path that is not an owner file is ignored. */
    public synchronized long refresh(Collection<Path> files) {
        Set<Path> asked = new java.util.LinkedHashSet<>(files);
        asked.addAll(pendingFiles); // files still being written when last looked at
        List<Change> changes = new ArrayList<>();
        long pending = 0;
        for (Path path : asked) {
            AliasSource.OwnerFile file = source.ownerFile(path);
            if (file != null && (file.scope() == null || scopes == null || scopes.contains(file.scope()))) {
                pending = soonest(pending, refresh(file, changes));
            } else {
                pendingFiles.remove(path);
            }
        }
        apply(changes);
        return pending;
    }

    /**
     * The first look at a large source, shared by a few short-lived daemon threads: reading 10,000
     * files is mostly system calls, which the cores make side by side. Looking at a file the index
     * does not know yet changes no other file's state, so the looks can run in any order.
     */
    private long lookInParallel(List<AliasSource.OwnerFile> files, List<Change> changes) {
        AtomicInteger next = new AtomicInteger();
        int helpers = Math.min(MAX_LOOK_THREADS, Runtime.getRuntime().availableProcessors()) - 1;
        List<Look> looks = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < helpers; i++) {
            Look look = new Look(files, next, new ArrayList<>());
            Thread thread = new Thread(look, "resolvechain-aliases-load");
            thread.setDaemon(true);
            try {
                thread.start();
            } catch (OutOfMemoryError | SecurityException e) {
                break; // no thread to spare: this one looks at the rest
            }
            looks.add(look);
            threads.add(thread);
        }
        long pending = new Look(files, next, changes).lookAll();
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers' results are needed: wait, and keep the interrupt for the caller
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Look look : looks) {
            if (look.failure instanceof Error error) {
                throw error;
            }
            if (look.failure != null) {
                throw (RuntimeException) look.failure;
            }
            changes.addAll(look.changes);
            pending = soonest(pending, look.pending);
        }
        return pending;
    }

    /** Looks at the files not yet taken by another look, collecting their changes; returns the soonest pending time. */
    private final class Look implements Runnable {
        private static final int BATCH = 32;
        private final List<AliasSource.OwnerFile> files;
        private final AtomicInteger next;
        final List<Change> changes;
        long pending;
        /** What stopped a helper, thrown again on the calling thread: its files would otherwise go unread, silently. */
        Throwable failure;

        Look(List<AliasSource.OwnerFile> files, AtomicInteger next, List<Change> changes) {
            this.files = files;
            this.next = next;
            this.changes = changes;
        }

        long lookAll() {
            for (int start; (start = next.getAndAdd(BATCH)) < files.size(); ) {
                for (int i = start; i < Math.min(start + BATCH, files.size()); i++) {
                    pending = soonest(pending, refresh(files.get(i), changes));
                }
            }
            return pending;
        }

        @Override
        public void run() {
            try {
                lookAll();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
    }

    /** Looks at one file; remembers it as pending while it is still being written. */
    private long refresh(AliasSource.OwnerFile file, List<Change> changes) {
        long pending = look(file, changes);
        if (pending > 0) {
            pendingFiles.add(file.file());
        } else {
            pendingFiles.remove(file.file());
        }
        return pending;
    }

    private long look(AliasSource.OwnerFile file, List<Change> changes) {
        Tracked known = tracked.get(file.file());
        Owner owner = known != null ? known.owner() : new Owner(file.owner(), file.scope(), file.file());
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(file.file(), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (known != null) {
                unregister(owner);
            }
            return 0;
        } catch (IOException e) {
            return unreadable(owner, e);
        }
        long modified = before.lastModifiedTime().toMillis();
        if (known != null && known.size() == before.size() && known.modifiedMillis() == modified
                && Objects.equals(known.fileKey(), before.fileKey())) {
            return 0;
        }
        long now = clock.getAsLong();
        long age = now - modified;
        if (age < 0) {
            // dated by a clock ahead of this one (an NFS server, a VM's host): the date says nothing
            // about how long the file has been unchanged, so count from when this version was first seen
            age = now - firstSeen(file.file(), before, now);
        }
        if (age < SETTLE_MILLIS) {
            return SETTLE_MILLIS - age;
        }
        String text;
        try {
            text = TextFiles.read(file.file(), before.size());
            BasicFileAttributes after = Files.readAttributes(file.file(), BasicFileAttributes.class);
            if (after.size() != before.size() || after.lastModifiedTime().toMillis() != modified) {
                return SETTLE_MILLIS;
            }
        } catch (NoSuchFileException e) {
            return SETTLE_MILLIS; // replaced while being read: the next look sees the new file
        } catch (IOException e) {
            return unreadable(owner, e);
        }
        if ((text.isEmpty() || !text.endsWith("\n")) && age < INCOMPLETE_SETTLE_MILLIS) {
            return INCOMPLETE_SETTLE_MILLIS - age;
        }
        tracked.put(file.file(), new Tracked(owner, before.size(), modified, before.fileKey()));
        futureDated.remove(file.file());
        HostsFormat.Parsed parsed = HostsFormat.parse(text, file.file());
        if (!parsed.problems().isEmpty()) {
            report(owner, parsed.problems());
            return 0;
        }
        List<HostsLine> previous = owner.lines();
        if (previous.equals(parsed.lines())) {
            owner.refresh(modified);
        } else {
            changes.add(new Change(owner, parsed.lines(), modified));
        }
        return 0;
    }

    /**
     * Puts the owners' new registrations into the index. The first load fills a new index sized
     * for it, published when complete: growing hash tables step by step to 100,000 names costs
     * more than reading the files.
     */
    private void apply(List<Change> changes) {
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
        for (Change change : changes) {
            target.replace(change.owner(), change.owner().lines(), change.lines());
            change.owner().accept(change.lines(), change.modifiedMillis());
        }
        index = target;
        lastChangeMillis = clock.getAsLong();
    }

    private long firstSeen(Path file, BasicFileAttributes attributes, long now) {
        Sighting seen = futureDated.get(file);
        if (seen == null || seen.size() != attributes.size()
                || seen.modifiedMillis() != attributes.lastModifiedTime().toMillis()
                || !Objects.equals(seen.fileKey(), attributes.fileKey())) {
            seen = new Sighting(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey(), now);
            futureDated.put(file, seen);
        }
        return seen.seenMillis();
    }

    /** An unreadable file is looked at again on every refresh: fixing its permissions does not change its modification time. */
    private long unreadable(Owner owner, IOException e) {
        tracked.put(owner.file(), new Tracked(owner, -1, -1, null));
        report(owner, List.of(new Problem(owner.file().toString(), 0, "cannot read: " + e)));
        return 0;
    }

    private static void report(Owner owner, List<Problem> problems) {
        if (!problems.equals(owner.problems())) {
            String consequence = owner.lines().isEmpty()
                    ? "owner " + owner.label() + " has no registration in force"
                    : "the owner's last good registration stays in force";
            for (Problem problem : problems) {
                Log.warn("alias file not loaded (" + consequence + "): " + problem);
            }
        }
        owner.reject(problems);
    }

    private void unregister(Owner owner) {
        tracked.remove(owner.file());
        index.replace(owner, owner.lines(), List.of());
        owner.accept(List.of(), owner.refreshedMillis());
        lastChangeMillis = clock.getAsLong();
    }

    private void reportSource(List<Problem> problems) {
        if (!problems.equals(sourceProblems)) {
            for (Problem problem : problems) {
                Log.warn("alias source not read (registrations in force are kept): " + problem);
            }
        }
        sourceProblems = List.copyOf(problems);
    }

    private static long soonest(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    /** Every owner this JVM tracks, including those whose file does not parse. */
    public synchronized List<Owner> owners() {
        List<Owner> owners = new ArrayList<>(tracked.size());
        for (Tracked t : tracked.values()) {
            owners.add(t.owner());
        }
        owners.sort(java.util.Comparator.comparing(Owner::label));
        return owners;
    }

    /** Problems of the source itself and of every owner file not in force. */
    public synchronized List<Problem> problems() {
        List<Problem> problems = new ArrayList<>(sourceProblems);
        for (Tracked t : tracked.values()) {
            problems.addAll(t.owner().problems());
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
