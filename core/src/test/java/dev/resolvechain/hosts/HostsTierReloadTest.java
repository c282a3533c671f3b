package dev.resolvechain.hosts;

import static dev.resolvechain.TierQueries.addresses;
import static dev.resolvechain.TierQueries.forward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.LogCapture;
import dev.resolvechain.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hosts file changed while the tier runs. */
class HostsTierReloadTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("hosts");
        Path temporary = dir.resolve(".hosts.tmp");
        Files.writeString(temporary, text);
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Milliseconds until {@code done}, -1 if not within 3 s. */
    private static long millisUntil(BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > 3_000_000_000L) {
                return -1;
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aChangedLineIsAnsweredWithinASecond() throws Exception {
        Path file = write("192.0.2.1 app\n");
        HostsTier tier = HostsTier.load(file);
        assertEquals(List.of("192.0.2.1"), addresses(forward(tier, "app", AddressPolicy.IPV4_ONLY)));

        write("192.0.2.2 app\n192.0.2.3 new\n");

        long millis = millisUntil(() -> addresses(forward(tier, "app", AddressPolicy.IPV4_ONLY)).equals(List.of("192.0.2.2")));
        assertTrue(millis >= 0 && millis <= 1000, "after " + millis + " ms");
        assertEquals(List.of("192.0.2.3"), addresses(forward(tier, "new", AddressPolicy.IPV4_ONLY)));
    }

    @Test
    void anEditInPlaceIsSeen() throws Exception {
        Path file = write("192.0.2.1 app\n");
        HostsTier tier = HostsTier.load(file, Duration.ofMillis(20));

        Files.writeString(file, "192.0.2.9 app\n"); // same inode, same size

        assertTrue(millisUntil(() -> addresses(forward(tier, "app", AddressPolicy.IPV4_ONLY)).equals(List.of("192.0.2.9"))) >= 0);
    }

    @Test
    void aChangeAddingABadLineKeepsTheLastGoodFile() throws Exception {
        Path file = write("192.0.2.1 app\n");
        HostsTier tier = HostsTier.load(file, Duration.ofMillis(20));
        try (LogCapture log = LogCapture.start()) {
            write("192.0.2.2 app\n192.0.2.x broken\n");

            assertTrue(millisUntil(() -> forward(tier, "app", AddressPolicy.IPV4_ONLY) != null && !log.containing("changed, but").isEmpty()) >= 0);
            String message = log.containing("changed, but").get(0);
            assertTrue(message.startsWith("WARN hosts file " + file + " changed, but has lines that do not parse; " + file
                    + ":2: '192.0.2.x' is not an IP address; the configuration read at "), message);
            assertEquals(List.of("192.0.2.1"), addresses(forward(tier, "app", AddressPolicy.IPV4_ONLY)));
        }
    }

    @Test
    void aDeletedFileKeepsTheLastGoodOneAndAFileCreatedLaterIsRead() throws Exception {
        Path file = write("192.0.2.1 app\n");
        HostsTier tier = HostsTier.load(file, Duration.ofMillis(20));
        Files.delete(file);
        Thread.sleep(100);
        assertEquals(List.of("192.0.2.1"), addresses(forward(tier, "app", AddressPolicy.IPV4_ONLY)));

        HostsTier late = HostsTier.load(dir.resolve("later"), Duration.ofMillis(20));
        assertEquals(Outcome.FALLTHROUGH, forward(late, "app", AddressPolicy.IPV4_ONLY).outcome());
        Files.writeString(dir.resolve("later"), "192.0.2.5 app\n");
        assertTrue(millisUntil(() -> addresses(forward(late, "app", AddressPolicy.IPV4_ONLY)).equals(List.of("192.0.2.5"))) >= 0);
    }
}
