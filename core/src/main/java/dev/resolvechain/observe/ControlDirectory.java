package dev.resolvechain.observe;

import dev.resolvechain.WholeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where the JVMs of one user and the commands {@code status}, {@code recent} and {@code explain --pid}
 * meet, without a listening socket: {@code TMPDIR/resolvechain-USER}, mode 0700 and owned by the user,
 * as the JDK's own {@code hsperfdata_USER} is. Each JVM under the agent keeps {@code PID.jvm} there
 * (who it is) and answers {@code PID.request} with {@code PID.response}; files are written whole and
 * renamed into place. A directory that is not the user's own, or that others may enter, is not used.
 */
public final class ControlDirectory {
    /** A request or response larger than this is refused unread. */
    public static final long MAX_FILE_BYTES = 4 << 20;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);

    private final Path directory;

    private ControlDirectory(Path directory) {
        this.directory = directory;
    }

    /** This user's directory under {@code java.io.tmpdir}. */
    public static ControlDirectory forThisUser() {
        return new ControlDirectory(Path.of(System.getProperty("java.io.tmpdir"), "resolvechain-" + System.getProperty("user.name")));
    }

    /** The directory at {@code path} (tests). */
    public static ControlDirectory at(Path path) {
        return new ControlDirectory(path);
    }

    public Path path() {
        return directory;
    }

    /** Creates the directory (0700) when missing; refuses one that is a link, not this user's, or open to others. */
    public ControlDirectory ready() throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another JVM of this user made it meanwhile: checked below
            }
        }
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new IOException(directory + " is not a directory (a link, or a file): not used");
        }
        Path probe = Files.createTempFile(directory, ".owner", "");
        try {
            if (!Files.getOwner(probe).equals(attributes.owner())) {
                throw new IOException(directory + " belongs to " + attributes.owner().getName() + ", not to this user: not used");
            }
        } finally {
            Files.deleteIfExists(probe);
        }
        if (!attributes.permissions().equals(OWNER_ONLY)) {
            throw new IOException(directory + " has mode " + PosixFilePermissions.toString(attributes.permissions())
                    + ", not rwx------: others could read it; not used");
        }
        return this;
    }

    public Path jvmFile(long pid) {
        return directory.resolve(pid + ".jvm");
    }

    public Path request(long pid) {
        return directory.resolve(pid + ".request");
    }

    public Path response(long pid) {
        return directory.resolve(pid + ".response");
    }

    /** Writes {@code text} to {@code file} whole: a temporary file of the directory, renamed into place. */
    public void write(Path file, String text) throws IOException {
        WholeFiles.write(Files.createTempFile(directory, "." + file.getFileName(), ".tmp"), file, text);
    }

    /** The text of {@code file}, which is then deleted; null when there is none. Only a regular file of at most {@link #MAX_FILE_BYTES}. */
    public String take(Path file) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            if (!attributes.isRegularFile() || attributes.size() > MAX_FILE_BYTES) {
                throw new IOException(file + ": not a regular file of at most " + MAX_FILE_BYTES + " bytes; not read");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
