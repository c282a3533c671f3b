package dev.resolvechain.alias.directory;

import dev.resolvechain.alias.Owner;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a source last saw of each owner file, by owner ({@code web-1}, or {@code net1/web-1} in a
 * scope). Kept small, since a source may have 100,000 owners: no {@code Path} per owner (about
 * 200 bytes each), the key is the owner's own name, and the file's stat is held inline.
 * Concurrent: a first look may be shared by threads.
 */
final class TrackedOwners {
    /** The {@link Seen#size} of a file that could not or may not be read: it is looked at on every refresh. */
    private static final long UNREAD = -1;

    private final Map<String, Seen> byKey = new ConcurrentHashMap<>();

    /**
     * What was last seen of a file, and the owner it registers; {@code racy}: it was read within
     * {@code WatchedFiles.RACY} of its last change, so an unchanged stat does not prove it unchanged
     * (file times move in ticks of up to 2 s) and it is read again until that time has passed.
     */
    record Seen(Owner owner, long size, long modifiedMillis, long changedNanos, long device, long inode, boolean racy) {
        /** Whether {@code now} is the file as it was read, past doubt. */
        boolean unchanged(AliasFileRules.Stat now) {
            return size != UNREAD && !racy && size == now.size() && modifiedMillis == now.modifiedMillis()
                    && changedNanos == now.changedNanos() && device == now.device() && inode == now.inode();
        }
    }

    /** The owner of {@code file} of alias source {@code source} (a directory or one file), not tracked yet; its name is the key {@link #read} tracks it by. */
    static Owner newOwner(OwnerFiles.OwnerFile file, Path source) {
        String name = file.owner();
        return new Owner(name, file.scope(), location(file, name, source));
    }

    Seen get(String key) {
        return byKey.get(key);
    }

    void read(Owner owner, AliasFileRules.Stat stat, boolean racy) {
        byKey.put(key(owner), new Seen(owner, stat.size(), stat.modifiedMillis(), stat.changedNanos(), stat.device(), stat.inode(), racy));
    }

    void unreadable(Owner owner) {
        byKey.put(key(owner), new Seen(owner, UNREAD, 0, 0, 0, 0, false));
    }

    /** The owner no longer tracked, or null when it was not. */
    Owner remove(String key) {
        Seen gone = byKey.remove(key);
        return gone == null ? null : gone.owner();
    }

    boolean contains(String key) {
        return byKey.containsKey(key);
    }

    int size() {
        return byKey.size();
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    Set<String> keys() {
        return byKey.keySet();
    }

    /** The owner of {@code file}: its name, or {@code SCOPE/NAME}. */
    static String key(OwnerFiles.OwnerFile file) {
        return file.scope() == null ? file.owner() : file.scope() + "/" + file.owner();
    }

    /** An unscoped owner's key is its name itself: no string of its own. */
    private static String key(Owner owner) {
        return owner.scope() == null ? owner.name() : owner.scope() + "/" + owner.name();
    }

    /** Where {@code file} is, printed as its path, built only when a message needs it. */
    private static Object location(OwnerFiles.OwnerFile file, String owner, Path source) {
        if (file.file().equals(source)) {
            return source;
        }
        Path parent = file.file().getParent();
        return new Location(source, parent.equals(source) ? null : parent.getFileName().toString().intern(), owner);
    }

    /** An owner file's path as parts: the source directory (shared), the scope directory as written (shared), the owner. */
    private record Location(Path source, String scopeDirectory, String owner) {
        @Override
        public String toString() {
            Path directory = scopeDirectory == null ? source : source.resolve(scopeDirectory);
            return directory.resolve(owner + OwnerFiles.SUFFIX).toString();
        }
    }
}
