package dev.resolvechain.alias.etcd;

import dev.resolvechain.WholeFiles;
import dev.resolvechain.files.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last state of an etcd alias source, kept in a file so that a JVM starting while etcd cannot be
 * reached still answers its aliases. Written whole (a reader sees the old file or the new one) by
 * any JVM following the source; only a file of this JVM's user that no one else may write is read.
 */
final class EtcdSnapshot {
    private static final String MAGIC = "resolvechain-etcd-snapshot 1";
    private static final long MAX_SIZE = 64 << 20;
    private static final int WRITABLE_BY_OTHERS = 0022;
    private static final AtomicLong TEMPORARY = new AtomicLong();

    /** What a snapshot holds: the registrations in force, the revision and cluster they are of, and when it was written. */
    record Contents(EtcdPrefix.Load load, Instant written) {
    }

    private final Path file;
    private final EtcdLocation location;

    EtcdSnapshot(Path file, EtcdLocation location) {
        this.file = file;
        this.location = location;
    }

    Path file() {
        return file;
    }

    /**
     * The default place: {@code $XDG_CACHE_HOME/resolvechain} or {@code ~/.cache/resolvechain}, one
     * file per source (not the temporary directory, which is emptied at boot, when a snapshot is needed most).
     */
    static Path defaultFile(EtcdLocation location, Map<String, String> environment) {
        String cache = environment.get("XDG_CACHE_HOME");
        Path base = cache != null && cache.startsWith("/") ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(location.toString().getBytes(StandardCharsets.UTF_8));
            return base.resolve("resolvechain").resolve("etcd-" + HexFormat.of().formatHex(digest, 0, 6) + ".snapshot");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Writes {@code load} (its kvs the registrations in force), unless the file already holds a revision as new and
     * {@code replace} is false ({@code true}: etcd went back from the state the file holds, another cluster or a restore).
     */
    void write(EtcdPrefix.Load load, boolean replace) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!replace && Files.exists(file, LinkOption.NOFOLLOW_LINKS) && revisionHeld() >= load.revision()) {
            return;
        }
        StringBuilder text = new StringBuilder(64 + load.kvs().size() * 64).append(MAGIC).append('\n')
                .append("location ").append(location).append('\n')
                .append("cluster ").append(load.clusterId()).append('\n')
                .append("revision ").append(load.revision()).append('\n')
                .append("written ").append(Instant.now()).append('\n');
        Base64.Encoder base64 = Base64.getEncoder();
        for (EtcdOwners.Kv kv : load.kvs()) {
            text.append("key ").append(base64.encodeToString(kv.key().getBytes(StandardCharsets.UTF_8))).append(' ')
                    .append(kv.modRevision()).append('\n').append(kv.value());
        }
        // unique per JVM and per call: several sources of one JVM may keep the same snapshot
        String temporary = "." + file.getFileName() + "." + ProcessHandle.current().pid() + "." + TEMPORARY.incrementAndGet() + ".tmp";
        WholeFiles.write(directory.resolve(temporary), file, text.toString());
    }

    /**
     * The revision of the snapshot now in the file, 0 when it holds none that can be read: from its header only (a
     * snapshot of 10,000 owners is 2 MB, and every JVM that loads the prefix asks this before writing).
     */
    private long revisionHeld() {
        try (BufferedReader in = TextFiles.open(file, TextFiles.linkAttributes(file), "alias snapshot", MAX_SIZE, StandardCharsets.UTF_8)) {
            String[] header = new String[4];
            for (int i = 0; i < header.length; i++) {
                header[i] = in.readLine();
            }
            if (!MAGIC.equals(header[0]) || !("location " + location).equals(header[1])) {
                return 0;
            }
            return Long.parseLong(field(String.valueOf(header[3]), "revision "));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** What the file holds; an IOException naming the file when it cannot or may not be read, or is another source's. */
    Contents read() throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new TextFiles.Refused(file, "is a symbolic link; a snapshot is read only from a file of its own");
        }
        int uid = (Integer) Files.getAttribute(file, "unix:uid");
        int mode = (Integer) Files.getAttribute(file, "unix:mode");
        int own = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != own || (mode & WRITABLE_BY_OTHERS) != 0) {
            throw new TextFiles.Refused(file, "is owned by uid " + uid + " or writable by others (mode " + String.format("%04o", mode & 07777)
                    + "); only this user's own snapshot is trusted");
        }
        String[] lines = TextFiles.read(file, "alias snapshot", MAX_SIZE, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 5 || !lines[0].equals(MAGIC)) {
            throw new IOException(file + " is not an alias snapshot ('" + MAGIC + "' missing)");
        }
        if (!lines[1].equals("location " + location)) {
            throw new IOException(file + " is the snapshot of another source (" + lines[1] + "), not of " + location);
        }
        try {
            String clusterId = field(lines[2], "cluster ");
            long revision = Long.parseLong(field(lines[3], "revision "));
            Instant written = Instant.parse(field(lines[4], "written "));
            List<EtcdOwners.Kv> kvs = new ArrayList<>();
            String key = null;
            long modRevision = 0;
            StringBuilder value = new StringBuilder();
            for (int i = 5; i < lines.length; i++) {
                if (lines[i].startsWith("key ")) {
                    if (key != null) {
                        kvs.add(new EtcdOwners.Kv(key, value.toString(), modRevision));
                    }
                    String[] parts = lines[i].split(" ");
                    key = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                    modRevision = Long.parseLong(parts[2]);
                    value.setLength(0);
                } else if (key != null && !lines[i].isEmpty()) {
                    value.append(lines[i]).append('\n');
                }
            }
            if (key != null) {
                kvs.add(new EtcdOwners.Kv(key, value.toString(), modRevision));
            }
            return new Contents(new EtcdPrefix.Load(kvs, revision, clusterId), written);
        } catch (RuntimeException e) {
            throw new IOException(file + " is a damaged alias snapshot (" + e.getMessage() + ")");
        }
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name)) {
            throw new IllegalArgumentException("expected '" + name.trim() + "', found " + line.substring(0, Math.min(40, line.length())));
        }
        return line.substring(name.length());
    }
}
