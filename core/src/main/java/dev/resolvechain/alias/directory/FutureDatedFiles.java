package dev.resolvechain.alias.directory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files dated in the future (by another machine's clock: an NFS server, a VM's host), not read yet:
 * their date says nothing about how long they have been unchanged, so that is counted from when
 * this source first saw their current version. Concurrent: a first look may be shared by threads.
 */
final class FutureDatedFiles {
    private final Map<Path, Sighting> sightings = new ConcurrentHashMap<>();

    /** A version of a file and when it was first seen. */
    private record Sighting(AliasFileRules.Stat stat, long seenMillis) {
    }

    /** When {@code file}, now as {@code stat}, was first seen so (epoch millis); {@code now} when just now. */
    long firstSeen(Path file, AliasFileRules.Stat stat, long now) {
        Sighting seen = sightings.get(file);
        if (seen == null || !AliasFileRules.sameFile(seen.stat(), stat)) {
            seen = new Sighting(stat, now);
            sightings.put(file, seen);
        }
        return seen.seenMillis();
    }

    /** {@code file} was read. */
    void read(Path file) {
        sightings.remove(file);
    }

    /** Forgets the files no longer listed. */
    void retain(Set<Path> listed) {
        sightings.keySet().retainAll(listed);
    }

    boolean isEmpty() {
        return sightings.isEmpty();
    }
}
