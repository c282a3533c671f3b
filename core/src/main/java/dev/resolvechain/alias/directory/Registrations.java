package dev.resolvechain.alias.directory;

import dev.resolvechain.WholeFiles;
import dev.resolvechain.alias.OwnerRegistrations;
import dev.resolvechain.alias.RegistrationRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;

/**
 * The containers' side of the alias source: an owner registers its names (the whole file is
 * written under a temporary name and renamed into place, so no reader ever sees half of it),
 * refreshes its registration with a heartbeat, and unregisters by deleting its file.
 */
public final class Registrations implements OwnerRegistrations {
    private final Path directory;

    /** @param directory the alias source directory ({@code aliases}) */
    public Registrations(Path directory) {
        this.directory = directory;
    }

    /** Writes {@code owner}'s registration: each address with every name. Returns the file. */
    public Path register(String owner, String scope, List<String> addresses, List<String> names) throws IOException {
        String text = RegistrationRules.text(addresses, names);
        Path file = fileOf(owner, scope);
        Files.createDirectories(file.getParent());
        WholeFiles.write(file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp"), file, text);
        return file;
    }

    /** Sets the modification time of {@code owner}'s file to now. */
    @Override
    public boolean heartbeat(String owner, String scope) throws IOException {
        try {
            Files.setLastModifiedTime(fileOf(owner, scope), FileTime.fromMillis(System.currentTimeMillis()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Deletes {@code owner}'s file. */
    @Override
    public boolean unregister(String owner, String scope) throws IOException {
        return Files.deleteIfExists(fileOf(owner, scope));
    }

    Path fileOf(String owner, String scope) {
        checkFileName(owner, "an owner name");
        if (scope != null) {
            checkFileName(scope, "a scope name");
        }
        Path base = scope == null ? directory : directory.resolve(scope.toLowerCase(Locale.ROOT));
        return base.resolve(owner + OwnerFiles.SUFFIX);
    }

    private static void checkFileName(String name, String what) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("'" + name + "' cannot be " + what + " (a file name without '/' or a leading '.')");
        }
    }
}
