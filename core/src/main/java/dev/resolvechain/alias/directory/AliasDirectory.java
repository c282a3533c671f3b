package dev.resolvechain.alias.directory;

import dev.resolvechain.Clocks;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasSource;
import dev.resolvechain.alias.Owner;
import dev.resolvechain.alias.RegistrationRules;
import dev.resolvechain.files.HostsFormat;
import dev.resolvechain.files.Problem;
import dev.resolvechain.files.TextFiles;
import dev.resolvechain.files.WatchedFiles;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The alias source as a directory of owner files (see {@link OwnerFiles}), or a single file:
 * {@link #refresh} brings the registry up to date with the files, reading only those whose size,
 * modification time or identity changed; a {@link DirectoryWatcher} calls it on file events and
 * every {@code aliases.poll}.
 *
 * <p>A writer that rewrites a file in place could be caught half-way, so a file is read only once
 * it has not changed for {@link #SETTLE_MILLIS}, and an empty file or one not ending in a newline
 * (a writer between truncating and finishing) only once it has not changed for
 * {@link #INCOMPLETE_SETTLE_MILLIS}; a file dated in the future (another machine's clock) is
 * unchanged since this source first saw it; a file that changes while it is read is read again
 * later. A file that does not parse leaves its owner's last good registration in force. A deleted
 * file is an unregister. Nothing is lost when the directory cannot be listed. */
public final class AliasDirectory implements AliasSource {
    static final long SETTLE_MILLIS = 30;
    static final long INCOMPLETE_SETTLE_MILLIS = 1000;
    /** How long a JVM's start waits for files being written (a registration written just before is then in force). */
    static final Duration START_PATIENCE = Duration.ofMillis(100);
    /** A first look at this many files or more is shared by several threads. */
    static final int PARALLEL_FIRST_LOOK_FILES = 512;
    private static final int MAX_LOOK_THREADS = 4;

    private final OwnerFiles files;
    private final AliasFileRules rules;
    private final Set<String> scopes;
    private final AliasRegistry registry;
    private final Duration poll;
    private final LongSupplier clock;
    private final TrackedOwners tracked;
    private final Set<Path> pendingFiles = ConcurrentHashMap.newKeySet();
    private final FutureDatedFiles futureDated = new FutureDatedFiles();
    private final SharedLook.FileLook fileLook = new SharedLook.FileLook() { // not a method reference: made at JVM start
        @Override
        public long look(OwnerFiles.OwnerFile file, List<AliasRegistry.Change> changes) {
            return refresh(file, changes);
        }
    };
    private DirectoryWatcher watcher;
    /** Owner files read so far: what tests see of the rule that reads a file again within a timestamp tick of its change. */
    private final AtomicLong reads = new AtomicLong();

    /**
     * How the files are read: the poll besides file events, and the rules a file must meet to be
     * read ({@link AliasFileRules}: {@code aliases.maxFileSize}, {@code aliases.strictModes}).
     */
    public record Options(Duration poll, long maxFileSize, boolean strictModes) {
        public static final long DEFAULT_MAX_FILE_SIZE = 4 << 20;

        /** {@code poll}, with the defaults of the keys otherwise. */
        public static Options polling(Duration poll) {
            return new Options(poll, DEFAULT_MAX_FILE_SIZE, true);
        }
    }

    /** {@code path}: a directory or a single file; {@code scopes}: those seen besides the unscoped owners, null: all ({@code check}). */
    public AliasDirectory(Path path, Set<String> scopes, AliasRegistry registry, Options options) {
        this(path, scopes, registry, options, Clocks.WALL_MILLIS);
    }

    /** With the default file rules, looking at the whole directory every {@code poll} besides file events. */
    public AliasDirectory(Path path, Set<String> scopes, AliasRegistry registry, Duration poll) {
        this(path, scopes, registry, Options.polling(poll));
    }

    /** @param clock wall-clock milliseconds, against which files' modification times are read */
    public AliasDirectory(Path path, Set<String> scopes, AliasRegistry registry, Options options, LongSupplier clock) {
        this.files = new OwnerFiles(path);
        this.tracked = new TrackedOwners(files.path());
        this.rules = new AliasFileRules(files.path(), options.maxFileSize(), options.strictModes());
        this.scopes = scopes == null ? null : Set.copyOf(scopes);
        this.registry = registry;
        this.poll = options.poll();
        this.clock = clock;
    }

    public Path path() {
        return files.path();
    }

    long reads() {
        return reads.get();
    }

    @Override
    public String location() {
        return files.path().toString();
    }

    @Override
    public void load() {
        refreshSettled(START_PATIENCE);
    }

    /** Loads now, then keeps the registry current on one daemon thread. */
    @Override
    public synchronized void start() {
        load();
        if (watcher == null) {
            watcher = new DirectoryWatcher(this, poll).start();
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /**
     * Reads every owner file that changed since the last call. Returns how many milliseconds later
     * a file still being written should be looked at again, or 0 when none is pending.
     */
    public synchronized long refresh() {
        OwnerFiles.Listing listing = files.list(scopes, rules);
        registry.sourceProblems(listing.problems());
        List<OwnerFiles.OwnerFile> listed = listing.files();
        List<AliasRegistry.Change> changes = new ArrayList<>();
        int helpers = tracked.isEmpty() && listed.size() >= PARALLEL_FIRST_LOOK_FILES
                ? Math.min(MAX_LOOK_THREADS, Runtime.getRuntime().availableProcessors()) - 1 : 0;
        long pending = SharedLook.lookAll(listed, fileLook, helpers, changes);
        registry.apply(changes);
        int listedAndTracked = 0;
        for (OwnerFiles.OwnerFile file : listed) {
            listedAndTracked += tracked.contains(TrackedOwners.key(file)) ? 1 : 0;
        }
        if (listedAndTracked < tracked.size() || !futureDated.isEmpty()) {
            // sets of every listed file only when some tracked file was not listed: a poll of 10,000 unchanged owners stays cheap
            Set<String> present = new HashSet<>();
            Set<Path> presentFiles = new HashSet<>();
            for (OwnerFiles.OwnerFile file : listed) {
                present.add(TrackedOwners.key(file));
                presentFiles.add(file.file());
            }
            futureDated.retain(presentFiles);
            OwnerFiles.Unlisted unlisted = new OwnerFiles.Unlisted(files.path(), listing.problems());
            for (String key : new ArrayList<>(tracked.keys())) {
                if (!present.contains(key) && !unlisted.hides(key)) {
                    unregister(key);
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
    public synchronized long refresh(Collection<Path> changed) {
        Set<Path> asked = new LinkedHashSet<>(changed);
        asked.addAll(pendingFiles); // files still being written when last looked at
        List<AliasRegistry.Change> changes = new ArrayList<>();
        long pending = 0;
        for (Path path : asked) {
            OwnerFiles.OwnerFile file = files.ownerFile(path);
            if (file != null && (file.scope() == null || scopes == null || scopes.contains(file.scope()))) {
                pending = SharedLook.soonest(pending, refresh(file, changes));
            } else {
                pendingFiles.remove(path);
            }
        }
        registry.apply(changes);
        return pending;
    }

    /** Looks at one file; remembers it as pending while it is still being written. */
    private long refresh(OwnerFiles.OwnerFile file, List<AliasRegistry.Change> changes) {
        long pending = look(file, changes);
        if (pending > 0) {
            pendingFiles.add(file.file());
        } else {
            pendingFiles.remove(file.file());
        }
        return pending;
    }

    private long look(OwnerFiles.OwnerFile file, List<AliasRegistry.Change> changes) {
        Path path = file.file();
        String key = TrackedOwners.key(file);
        TrackedOwners.Seen known = tracked.get(key);
        Owner owner = known != null ? known.owner() : tracked.newOwner(file);
        AliasFileRules.Stat before;
        try {
            before = rules.check(path);
        } catch (NoSuchFileException e) {
            if (known != null) {
                unregister(key);
            }
            return 0;
        } catch (IOException e) {
            return unreadable(path, owner, e);
        }
        long now = clock.getAsLong();
        if (known != null && known.unchanged(before)) {
            return 0;
        }
        long age = now - before.modifiedMillis();
        if (age < 0) {
            age = now - futureDated.firstSeen(path, before, now);
        }
        if (age < SETTLE_MILLIS) {
            return SETTLE_MILLIS - age;
        }
        HostsFormat.Parsed parsed;
        reads.incrementAndGet();
        try {
            parsed = rules.read(path, before);
        } catch (ClosedByInterruptException e) {
            return SETTLE_MILLIS; // this thread was interrupted (the source closing, as at JVM exit): nothing wrong with the file
        } catch (IOException e) {
            return unreadable(path, owner, e);
        }
        if (parsed == null) {
            return SETTLE_MILLIS; // replaced or rewritten while being read: the next look sees the new file
        }
        if (!parsed.complete() && age < INCOMPLETE_SETTLE_MILLIS) {
            return INCOMPLETE_SETTLE_MILLIS - age;
        }
        tracked.read(owner, before, Math.abs(now - before.modifiedMillis()) < WatchedFiles.RACY.toMillis());
        futureDated.read(path);
        List<Problem> problems = parsed.problems().isEmpty() ? RegistrationRules.reserved(parsed.lines(), path) : parsed.problems();
        if (!problems.isEmpty()) {
            registry.reject(owner, problems);
        } else if (owner.lines().equals(parsed.lines())) {
            registry.refreshed(owner, before.modifiedMillis());
        } else {
            changes.add(new AliasRegistry.Change(owner, parsed.lines(), before.modifiedMillis()));
        }
        return 0;
    }

    /**
     * A file that cannot or may not be read is looked at again on every refresh (fixing its
     * permissions does not change its modification time); it was never read, so the problem names
     * the file and why, never what is in it.
     */
    private long unreadable(Path file, Owner owner, IOException e) {
        tracked.unreadable(owner);
        String why = e instanceof TextFiles.Refused ? e.getMessage() : "cannot read: " + e;
        registry.reject(owner, List.of(new Problem(file.toString(), 0, why)));
        return 0;
    }

    private void unregister(String key) {
        Owner gone = tracked.remove(key);
        if (gone != null) {
            registry.remove(gone);
        }
    }

}
