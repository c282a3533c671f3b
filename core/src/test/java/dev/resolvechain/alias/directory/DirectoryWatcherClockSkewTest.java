package dev.resolvechain.alias.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasTier;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alias directory is shared by hosts whose clocks differ. A file dated in the future (written
 * by a host whose clock is ahead) cannot be settled until that time, but it must not stop the
 * polling of every other file: on bind mounts and network file systems there are no file events,
 * and the poll is all there is.
 */
class DirectoryWatcherClockSkewTest {
    @TempDir
    Path root;

    @Test
    void aFileDatedInTheFutureDoesNotStopThePoll() throws IOException, InterruptedException {
        Path aliases = Files.createDirectories(root.resolve("aliases"));
        Path web = Files.writeString(aliases.resolve("web.hosts"), "192.0.2.10 web\n");
        Files.setLastModifiedTime(web, FileTime.fromMillis(System.currentTimeMillis() - 5_000));
        Path ahead = Files.writeString(aliases.resolve("other-host.hosts"), "192.0.2.99 other\n");
        Files.setLastModifiedTime(ahead, FileTime.fromMillis(System.currentTimeMillis() + 60_000)); // its host's clock is a minute ahead
        // a second name for web.hosts outside the watched directory: a write through it gives the
        // directory no file event, as a write on another host does on a bind mount or NFS
        Path elsewhere = Files.createLink(Files.createDirectories(root.resolve("elsewhere")).resolve("web-link"), web);

        try (AliasTier tier = AliasFiles.watched(aliases, Duration.ofMillis(100), AliasOrder.FILE)) {
            assertEquals("192.0.2.10", first(tier));
            Thread.sleep(300); // a few polls, each of which finds the file from the future not settled
            Files.writeString(elsewhere, "192.0.2.11 web\n");

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!"192.0.2.11".equals(first(tier)) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals("192.0.2.11", first(tier), "the poll (every 100 ms) sees the change within 5 s");
            assertTrue(Files.getLastModifiedTime(ahead).toMillis() > System.currentTimeMillis(), "the test ran while the other file was still in the future");
        }
    }

    private static String first(AliasTier tier) {
        InetAddress[] answer = tier.answer("web", AddressPolicy.IPV4_FIRST);
        return answer == null ? null : answer[0].getHostAddress();
    }
}
