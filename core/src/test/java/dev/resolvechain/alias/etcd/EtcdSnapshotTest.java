package dev.resolvechain.alias.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot a JVM starts from while etcd cannot be reached: written whole, read only when it is this user's and this source's. */
class EtcdSnapshotTest {
    private static final EtcdLocation LOCATION = EtcdLocation.parse("etcd://127.0.0.1:2379/rc");
    private static final EtcdPrefix.Load LOAD = new EtcdPrefix.Load(List.of(new EtcdOwners.Kv("/rc/web-1", "192.0.2.1 web www\n", 5),
            new EtcdOwners.Kv("/rc/net1/key with spaces", "192.0.2.2 db\n2001:db8::1 db\n", 7)), 9, "14841639068965178418");

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBack() throws IOException {
        EtcdSnapshot snapshot = new EtcdSnapshot(dir.resolve("cache/resolvechain/etcd.snapshot"), LOCATION);
        snapshot.write(LOAD, false);

        EtcdSnapshot.Contents read = snapshot.read();
        assertEquals(LOAD, read.load());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cache/resolvechain"))));
        try (var files = Files.list(dir.resolve("cache/resolvechain"))) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void anOlderStateDoesNotReplaceANewerOne() throws IOException {
        EtcdSnapshot snapshot = new EtcdSnapshot(dir.resolve("etcd.snapshot"), LOCATION);
        snapshot.write(LOAD, false);
        snapshot.write(new EtcdPrefix.Load(List.of(), 8, LOAD.clusterId()), false); // a JVM that is behind

        assertEquals(LOAD, snapshot.read().load());

        EtcdPrefix.Load restored = new EtcdPrefix.Load(List.of(), 4, LOAD.clusterId());
        snapshot.write(restored, true); // etcd went back (restored from a backup): its state replaces the newer file's
        assertEquals(restored, snapshot.read().load());
    }

    @Test
    void anotherSourcesOrAForeignOrDamagedFileIsNotRead() throws IOException, InterruptedException {
        Path file = dir.resolve("etcd.snapshot");
        new EtcdSnapshot(file, LOCATION).write(LOAD, false);
        IOException other = assertThrows(IOException.class, () -> new EtcdSnapshot(file, EtcdLocation.parse("etcd://127.0.0.1:2379/other")).read());
        assertTrue(other.getMessage().contains("is the snapshot of another source"), other.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        IOException writable = assertThrows(IOException.class, () -> new EtcdSnapshot(file, LOCATION).read());
        assertTrue(writable.getMessage().contains("writable by others (mode 0666)"), writable.getMessage());

        Path link = dir.resolve("link.snapshot");
        Files.createSymbolicLink(link, file);
        assertTrue(assertThrows(IOException.class, () -> new EtcdSnapshot(link, LOCATION).read()).getMessage().contains("symbolic link"));

        Path damaged = dir.resolve("damaged.snapshot");
        Files.writeString(damaged, "resolvechain-etcd-snapshot 1\nlocation " + LOCATION + "\ncluster 1\nrevision x\nwritten now\n");
        assertTrue(assertThrows(IOException.class, () -> new EtcdSnapshot(damaged, LOCATION).read()).getMessage().contains("damaged"));

        Path fifo = dir.resolve("fifo.snapshot");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertTrue(assertThrows(IOException.class, () -> new EtcdSnapshot(fifo, LOCATION).read()).getMessage().contains("FIFO"));
    }

    @Test
    void theDefaultIsPerUserAndPerSourceInTheCacheDirectory() {
        Path a = EtcdSnapshot.defaultFile(LOCATION, Map.of("XDG_CACHE_HOME", "/var/cache/me"));
        Path b = EtcdSnapshot.defaultFile(EtcdLocation.parse("etcd://127.0.0.1:2379/other"), Map.of("XDG_CACHE_HOME", "/var/cache/me"));
        assertTrue(a.toString().matches("/var/cache/me/resolvechain/etcd-[0-9a-f]{12}\\.snapshot"), a.toString());
        assertTrue(!a.equals(b));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "resolvechain"), EtcdSnapshot.defaultFile(LOCATION, Map.of()).getParent());
    }

    @Test
    void aSnapshotOfAbsurdSizeIsRefusedUnread() throws IOException {
        Path huge = dir.resolve("huge.snapshot");
        try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(65L << 20);
        }
        IOException e = assertThrows(IOException.class, () -> new EtcdSnapshot(huge, LOCATION).read());
        assertTrue(e.getMessage().contains("huge.snapshot"), e.getMessage());
    }
}
