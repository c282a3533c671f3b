package dev.resolvechain.alias.directory;

import dev.resolvechain.alias.Owner;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a source last saw of each owner file, by owner ({@code web-1}, or {@code net1/web-1} in a
 * scope). Kept small, since a source may have 100,000 owners: no {@code Path} per owner (about
 * 200 bytes each), the key is the owner's own name, the file's stat is held inline, and the path is
 * found from the owner when a message needs it.
 * Concurrent: a first look may be shared by threads.
 */
final class TrackedOwners {
    /** The {@link Seen#size} of a file that could not or may not be read: it is looked at on every refresh. */
    private static final long UNREAD = -1;

    private final Path source;
    private final Map<String, Seen> byKey = new ConcurrentHashMap<>();
    /** Each scope's directory as written (the scope is its name in lower case). */
    private final Map<String, String> scopeDirectories = new ConcurrentHashMap<>();
    private final Owner.Locator inDirectory = new InDirectory();
    private final Owner.Locator itself = new Itself();

    /** @param source the alias source: its directory, or its one file */
    TrackedOwners(Path source) {
        this.source = source;
    }

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

    /** The owner of {@code file}, not tracked yet; its name is the key {@link #read} tracks it by. */
    Owner newOwner(OwnerFiles.OwnerFile file) {
        if (file.file().equals(source)) {
            return new Owner(file.owner(), null, itself);
        }
        if (file.scope() != null) {
            scopeDirectories.putIfAbsent(file.scope(), file.file().getParent().getFileName().toString());
        }
        return new Owner(file.owner(), file.scope(), inDirectory);
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

    /** An owner file's path: the source, its scope directory as written, the owner's name. */
    private final class InDirectory implements Owner.Locator {
        @Override
        public Object locate(Owner owner) {
            Path directory = owner.scope() == null ? source : source.resolve(scopeDirectories.getOrDefault(owner.scope(), owner.scope()));
            return directory.resolve(owner.name() + OwnerFiles.SUFFIX);
        }
    }

    /** The source's one file. */
    private final class Itself implements Owner.Locator {
        @Override
        public Object locate(Owner owner) {
            return source;
        }
    }
}
