package dev.resolvechain.files;

import dev.resolvechain.Log;
import dev.resolvechain.observe.JfrEvents;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A value read from files (resolv.conf, the hosts file), read again when they change, as glibc does
 * since 2.26: no thread; a lookup that finds the last look older than {@code checkEvery} stats the
 * files (modification and change time, size, inode: a few microseconds) and, if any changed, reads
 * them again on its own thread. Lookups meanwhile keep the value in force; the new value replaces
 * it in one step.
 *
 * <p>A change is not taken (the value in force stays, and the log says why, naming file and line)
 * when the files cannot be read or are gone, or when the change adds a line that does not parse (a
 * line that was already bad in the value in force does not block later changes). An empty file
 * written less than {@link #SETTLE} ago is taken only once it stayed so for that long: a writer
 * rewriting in place may be between truncating and writing.
 *
 * <p>File times move in clock ticks (a few milliseconds on ext4 and tmpfs, a second on ext3 and some
 * network file systems, two on FAT), so a file written again within the tick it was read in, at the
 * same size, looks unchanged. As git does with its index, a file read within {@link #RACY} of its
 * last write is read once more once that time has passed, whatever its stamp says; the listener is
 * then told of a "change" that may be none (it compares before and after). So every change is in
 * force within {@link #RACY} and a look, on any file system whose times move in ticks of 2 s or less.
 */
public final class WatchedFiles<T> {
    /** How often lookups look at the files by default: changes are in force within this (plus a read). */
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofMillis(250);
    /** How long an empty file must stay empty before it is taken. */
    static final Duration SETTLE = Duration.ofSeconds(1);
    /** Longer than a file-time tick (FAT's 2 s): a file read within this of its last write is read again once it passed. */
    public static final Duration RACY = Duration.ofSeconds(3);

    /** What was read: the value, and the lines that could not be parsed (left out of it). */
    public record Loaded<T>(T value, List<Problem> invalidLines) {
        public Loaded {
            invalidLines = List.copyOf(invalidLines);
        }
    }

    /** Reads the files. A missing file is for the reader to decide (it may be an empty configuration). */
    public interface Reader<T> {
        Loaded<T> read() throws IOException;

        /** The value when the first read fails (it is logged by the reader). */
        T unreadable(IOException e);
    }

    /** Told of a change taken, on the lookup thread that read it (logging, dropping what the old value cached). */
    public interface Listener<T> {
        void changed(T before, T after);
    }

    /**
     * The value in force, what the files looked like when it was read, and when; {@code racy}: a file
     * had been written within {@link #RACY} of the read, so an unchanged stamp does not prove it unchanged.
     */
    private record Current<T>(T value, List<FileStamp> stamps, Set<String> invalidLines, long readAtMillis, boolean racy) {
    }

    private final String what;
    private final List<Path> paths;
    private final long checkEveryNanos;
    private final Reader<T> reader;
    private final Listener<T> listener;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Current<T> current;
    private volatile long nextCheckNanos;
    /** The stamps of the last change not taken, so that it is reported once, not at every look. */
    private volatile List<FileStamp> refused;

    private WatchedFiles(String what, List<Path> paths, Duration checkEvery, Reader<T> reader, Listener<T> listener, Loaded<T> first,
                         List<FileStamp> stamps) {
        this.what = what;
        this.paths = List.copyOf(paths);
        this.checkEveryNanos = checkEvery.toNanos();
        this.reader = reader;
        this.listener = listener;
        this.current = new Current<>(first.value(), stamps, keys(first.invalidLines()), System.currentTimeMillis(), racy(stamps));
        this.nextCheckNanos = System.nanoTime() + checkEveryNanos;
    }

    /**
     * Reads {@code paths} with {@code reader} now, and again on change. When the first read fails, the
     * value is {@code unreadable}'s, and any later change that reads is taken.
     *
     * @param what a few words for the log: {@code resolv.conf /etc/resolv.conf}
     */
    public static <T> WatchedFiles<T> watch(String what, List<Path> paths, Duration checkEvery, Reader<T> reader, Listener<T> listener) {
        List<FileStamp> stamps = FileStamp.of(paths);
        try {
            return new WatchedFiles<>(what, paths, checkEvery, reader, listener, reader.read(), stamps);
        } catch (IOException e) {
            WatchedFiles<T> files = new WatchedFiles<>(what, paths, checkEvery, reader, listener,
                    new Loaded<>(reader.unreadable(e), List.of()), null);
            files.refused = stamps; // reported by the reader; any change from here is read
            return files;
        }
    }

    /** A value that is not read from files and never changes. */
    public static <T> WatchedFiles<T> fixed(T value) {
        return new WatchedFiles<>("", List.of(), Duration.ZERO, null, null, new Loaded<>(value, List.of()), List.of());
    }

    /** The value in force; on the calling thread, looks at the files first if the last look is old enough. */
    public T get() {
        if (System.nanoTime() - nextCheckNanos >= 0 && !paths.isEmpty()) {
            checkNow();
        }
        return current.value();
    }

    /** The value in force, without looking at the files. */
    public T current() {
        return current.value();
    }

    /** When the value in force was read (wall clock, ms). */
    public long readAtMillis() {
        return current.readAtMillis();
    }

    /**
     * Looks at the files now (unless another thread is looking: then it returns at once), reads them
     * if they changed, and takes what was read unless there is a reason not to.
     */
    public void checkNow() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        try {
            nextCheckNanos = System.nanoTime() + checkEveryNanos;
            Current<T> before = current;
            List<FileStamp> stamps = FileStamp.of(paths);
            boolean unchanged = stamps.equals(before.stamps());
            if (unchanged && before.racy() && !racy(stamps)) {
                current = new Current<>(before.value(), before.stamps(), before.invalidLines(), before.readAtMillis(), false);
                unchanged = false; // read once more, now that a write in the same tick would have moved the stamp
            }
            if (unchanged || stamps.equals(refused) || unsettled(stamps)) {
                return;
            }
            Loaded<T> loaded;
            try {
                loaded = reader.read();
            } catch (IOException e) {
                refuse(stamps, "cannot be read (" + reason(e) + ")");
                return;
            }
            if (!stamps.equals(FileStamp.of(paths))) {
                return; // changed while it was read: read again at the next look
            }
            List<Problem> added = new ArrayList<>();
            for (Problem problem : loaded.invalidLines()) {
                if (!before.invalidLines().contains(key(problem))) {
                    added.add(problem);
                }
            }
            if (!added.isEmpty()) {
                StringBuilder why = new StringBuilder("has lines that do not parse");
                for (Problem problem : added) {
                    why.append("; ").append(problem);
                }
                refuse(stamps, why.toString());
                return;
            }
            current = new Current<>(loaded.value(), stamps, keys(loaded.invalidLines()), System.currentTimeMillis(), racy(stamps));
            refused = null;
            listener.changed(before.value(), loaded.value());
            JfrEvents.reload(what, true, "");
        } catch (RuntimeException e) {
            Log.warn(what + " changed, but reading it failed: " + e + "; " + inForce());
        } finally {
            checking.set(false);
        }
    }

    private void refuse(List<FileStamp> stamps, String why) {
        refused = stamps;
        Log.warn(what + " changed, but " + why + "; " + inForce());
        JfrEvents.reload(what, false, why);
    }

    private String inForce() {
        LocalTime at = LocalTime.ofInstant(Instant.ofEpochMilli(current.readAtMillis()), ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
        return "the configuration read at " + at + " stays in force";
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        return e instanceof TextFiles.Refused ? e.getMessage() : e.toString();
    }

    /** Whether a file was written (or its inode changed) within the last {@link #RACY}. */
    private static boolean racy(List<FileStamp> stamps) {
        if (stamps == null) {
            return false;
        }
        long now = System.currentTimeMillis();
        for (FileStamp stamp : stamps) {
            long latest = TimeUnit.NANOSECONDS.toMillis(Math.max(stamp.modifiedNanos(), stamp.changedNanos()));
            if (stamp.exists() && now - latest < RACY.toMillis()) {
                return true;
            }
        }
        return false;
    }

    /** An empty file written within the last {@link #SETTLE}: wait until it stayed empty that long. */
    private static boolean unsettled(List<FileStamp> stamps) {
        long now = System.currentTimeMillis();
        for (FileStamp stamp : stamps) {
            if (stamp.exists() && stamp.size() == 0) {
                long age = now - TimeUnit.NANOSECONDS.toMillis(stamp.modifiedNanos());
                if (age >= 0 && age < SETTLE.toMillis()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> keys(List<Problem> problems) {
        Set<String> keys = new HashSet<>();
        for (Problem problem : problems) {
            keys.add(key(problem));
        }
        return keys;
    }

    /** A problem as it is wherever its line is: the same bad line moved by an edit is not a new one. */
    private static String key(Problem problem) {
        return problem.file() + "\n" + problem.message();
    }
}
