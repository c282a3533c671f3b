package dev.resolvechain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Files written whole: readers (other JVMs, watchers) see the old content or the new, never a part. */
public final class WholeFiles {
    private WholeFiles() {
    }

    /** Writes {@code text} to {@code temporary}, a file of {@code file}'s directory, and renames it to {@code file}. */
    public static void write(Path temporary, Path file, String text) throws IOException {
        try {
            Files.deleteIfExists(temporary); // left by a writer that died; and never written through a link someone put there
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary); // there only when writing or renaming failed
        }
    }
}
