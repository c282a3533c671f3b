package dev.resolvechain.alias.directory;

import dev.resolvechain.Sizes;
import dev.resolvechain.alias.RegistrationRules;
import dev.resolvechain.files.HostsFormat;
import dev.resolvechain.files.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the alias source must be before anything of it is read, since other people and programs
 * write it; what is refused is never read, and its problem names it:
 *
 * <ul>
 * <li>an owner file is a regular file of at most {@code aliases.maxFileSize} (a FIFO could block
 *     the reading forever, a device never end it); a symbolic link is followed only to a file
 *     inside the alias directory (one to {@code /etc/shadow} would print its lines in problems);
 * <li>with {@code aliases.strictModes} (the default), as ssh's StrictModes: the directory, its scope
 *     directories and each file are owned by this JVM's user or root, and writable by no one else;
 * <li>no line claims a reserved name ({@link RegistrationRules#reserved}).
 * </ul>
 */
final class AliasFileRules {
    private static final String ATTRIBUTES = "unix:mode,uid,size,lastModifiedTime,ctime,dev,ino";
    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMBOLIC_LINK = 0120000;
    private static final int WRITABLE_BY_OTHERS = 0022;
    private static final int ROOT = 0;

    private final Path source;
    private final long maxFileSize;
    private final boolean strictModes;
    private final int ownUid;

    /** What a look at a file saw: any difference from the last look is a change. */
    record Stat(long size, long modifiedMillis, long changedNanos, long device, long inode) {
    }

    AliasFileRules(Path source, long maxFileSize, boolean strictModes) {
        this.source = source;
        this.maxFileSize = maxFileSize;
        this.strictModes = strictModes;
        this.ownUid = ownUid();
    }

    /** This JVM's user id: the owner of its own process entry; -1 where there is none (strict modes then hold for root only). */
    private static int ownUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The stat of owner file {@code file} once it may be read; {@link TextFiles.Refused} naming why
     * it may not; NoSuchFileException when it is gone.
     */
    Stat check(Path file) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        if (type(attributes) == SYMBOLIC_LINK) {
            Path target = file.toRealPath();
            if (!target.startsWith(realSource())) {
                throw new TextFiles.Refused(file, "is a symbolic link to " + target + ", outside the alias directory " + source);
            }
            attributes = Files.readAttributes(file, ATTRIBUTES);
        }
        if (type(attributes) != REGULAR) {
            throw new TextFiles.Refused(file, "is " + (type(attributes) == DIRECTORY ? "a directory" : "a FIFO, a socket or a device")
                    + ", not a regular alias file");
        }
        long size = (Long) attributes.get("size");
        if (size > maxFileSize) {
            throw new TextFiles.Refused(file, "is " + size + " bytes, more than aliases.maxFileSize (" + Sizes.text(maxFileSize) + ")");
        }
        String unsafe = unsafe(attributes);
        if (unsafe != null) {
            throw new TextFiles.Refused(file, unsafe);
        }
        return new Stat(size, ((FileTime) attributes.get("lastModifiedTime")).toMillis(),
                ((FileTime) attributes.get("ctime")).to(TimeUnit.NANOSECONDS), (Long) attributes.get("dev"), (Long) attributes.get("ino"));
    }

    /**
     * Owner file {@code file}, {@link #check checked} as {@code before}, parsed as it is read; null
     * when it was replaced or rewritten meanwhile (the next look sees the new version). Memory
     * running out while it is parsed is an IOException: what was parsed is garbage then, and every
     * other owner, and the JVM, go on.
     */
    HostsFormat.Parsed read(Path file, Stat before) throws IOException {
        try {
            HostsFormat.Parsed parsed = HostsFormat.parse(TextFiles.readSized(file, "alias file", before.size(), StandardCharsets.UTF_8), file);
            return sameFile(check(file), before) ? parsed : null;
        } catch (NoSuchFileException | TextFiles.Refused e) {
            return null;
        } catch (OutOfMemoryError e) {
            throw new IOException("more aliases than this JVM's memory holds (" + e.getMessage() + ")");
        }
    }

    /** Why {@code directory} (the source or a scope directory) may not be read, or null when it may. */
    String directoryProblem(Path directory, boolean scope) {
        try {
            Map<String, Object> attributes = Files.readAttributes(directory, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            if (scope && type(attributes) == SYMBOLIC_LINK && !directory.toRealPath().startsWith(realSource())) {
                return "is a symbolic link outside the alias directory " + source + ": not read";
            }
            String unsafe = unsafe(Files.readAttributes(directory, ATTRIBUTES));
            return unsafe == null ? null : unsafe + ": not read";
        } catch (IOException | RuntimeException e) {
            return null; // listing it says what is wrong
        }
    }

    /** Why a file or directory of these attributes may be written by someone other than this JVM's user or root, or null. */
    private String unsafe(Map<String, Object> attributes) {
        if (!strictModes) {
            return null;
        }
        int uid = (Integer) attributes.get("uid");
        int mode = (Integer) attributes.get("mode");
        if (uid != ownUid && uid != ROOT) {
            return "is owned by uid " + uid + ", neither this JVM's user (uid " + ownUid + ") nor root (aliases.strictModes=false allows it)";
        }
        if ((mode & WRITABLE_BY_OTHERS) != 0) {
            return "may be written by its group or anyone (mode " + String.format("%04o", mode & 07777)
                    + ") (aliases.strictModes=false allows it)";
        }
        return null;
    }

    private Path realSource() throws IOException {
        return Files.isDirectory(source) ? source.toRealPath() : source.toRealPath().getParent();
    }

    private static int type(Map<String, Object> attributes) {
        return (Integer) attributes.get("mode") & TYPE_MASK;
    }

    static boolean sameFile(Stat a, Stat b) {
        return a.size() == b.size() && a.modifiedMillis() == b.modifiedMillis() && a.changedNanos() == b.changedNanos()
                && a.device() == b.device() && a.inode() == b.inode();
    }
}
