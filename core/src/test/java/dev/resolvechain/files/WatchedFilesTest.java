package dev.resolvechain.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedFilesTest {
    @TempDir
    Path dir;

    /** Reads the file's text, counting reads. */
    private static final class Counting implements WatchedFiles.Reader<String> {
        final Path file;
        final AtomicInteger reads = new AtomicInteger();
        volatile CountDownLatch block;
        volatile CountDownLatch reading;

        Counting(Path file) {
            this.file = file;
        }

        @Override
        public WatchedFiles.Loaded<String> read() throws IOException {
            reads.incrementAndGet();
            if (block != null) {
                reading.countDown();
                try {
                    block.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return new WatchedFiles.Loaded<>(Files.readString(file), List.of());
        }

        @Override
        public String unreadable(IOException e) {
            return "unreadable";
        }
    }

    private static final WatchedFiles.Listener<String> QUIET = (before, after) -> { };

    /** A file written longer than {@link WatchedFiles#RACY} ago: read once, it is trusted until its stamp changes. */
    private Path settledFile(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), text);
        Thread.sleep(WatchedFiles.RACY.toMillis() + 20);
        return file;
    }

    @Test
    void aSameSizeRewriteWithTheOldModificationTimeIsStillAChange() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "aaaa");
        FileStamp before = FileStamp.of(file);
        FileTime modified = Files.getLastModifiedTime(file);
        Thread.sleep(20);

        Files.writeString(file, "bbbb");
        Files.setLastModifiedTime(file, modified); // cp -p, tar, rsync -t

        assertNotEquals(before, FileStamp.of(file), "the change time tells it");
    }

    @Test
    void readsAgainOnlyWhenTheFileChangedAndAtMostOncePerInterval() throws Exception {
        Path file = settledFile("one");
        Counting reader = new Counting(file);
        WatchedFiles<String> watched = WatchedFiles.watch("test file", List.of(file), Duration.ofMillis(50), reader, QUIET);
        assertEquals(1, reader.reads.get());
        for (int i = 0; i < 10; i++) {
            Thread.sleep(10);
            assertEquals("one", watched.get());
        }
        assertEquals(1, reader.reads.get(), "unchanged: not read again");

        Files.writeString(file, "two");
        assertEquals("one", watched.current());
        long start = System.nanoTime();
        while (!watched.get().equals("two")) {
            assertTrue(System.nanoTime() - start < 2_000_000_000L);
            Thread.sleep(5);
        }
        Thread.sleep(WatchedFiles.RACY.toMillis() + 100);
        watched.get();
        assertTrue(reader.reads.get() == 2 || reader.reads.get() == 3, "read at the change, and at most once more: " + reader.reads.get());
    }

    @Test
    void aFileReadWithinAClockTickOfItsWriteIsReadOnceMore() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "one");
        Counting reader = new Counting(file);
        WatchedFiles<String> watched = WatchedFiles.watch("test file", List.of(file), Duration.ofMillis(10), reader, QUIET);
        // a second write in the same tick, at the same size, would leave the stamp as it was: the read is not trusted yet

        Thread.sleep(WatchedFiles.RACY.toMillis() + 50);
        watched.get();
        Thread.sleep(50);
        watched.get();

        assertEquals(2, reader.reads.get(), "read once more after the racy window, then trusted");
    }

    @Test
    void lookupsDoNotWaitForAReadInProgress() throws Exception {
        Path file = settledFile("one");
        Counting reader = new Counting(file);
        WatchedFiles<String> watched = WatchedFiles.watch("test file", List.of(file), Duration.ofMillis(1), reader, QUIET);
        Files.writeString(file, "two!");
        reader.block = new CountDownLatch(1);
        reader.reading = new CountDownLatch(1);
        Thread slow = new Thread(() -> {
            while (reader.reading.getCount() > 0) {
                watched.get(); // looks at the file once checkEvery (1 ms) has passed since the first read
            }
        });
        slow.setDaemon(true);
        slow.start();
        assertTrue(reader.reading.await(5, java.util.concurrent.TimeUnit.SECONDS));

        Thread.sleep(5);
        long start = System.nanoTime();
        assertEquals("one", watched.get(), "the value in force while another lookup reads");
        assertTrue(System.nanoTime() - start < 100_000_000L);

        reader.block.countDown();
        slow.join(5000);
        assertEquals("two!", watched.current());
    }

    @Test
    void aFirstReadThatFailsGivesTheFallbackAndAnyChangeIsReadLater() throws Exception {
        Path file = dir.resolve("absent");
        WatchedFiles<String> watched = WatchedFiles.watch("test file", List.of(file), Duration.ofMillis(1), new Counting(file), QUIET);
        assertEquals("unreadable", watched.get());
        Thread.sleep(5);
        assertEquals("unreadable", watched.get());

        Files.writeString(file, "now");
        long start = System.nanoTime();
        while (!watched.get().equals("now")) {
            assertTrue(System.nanoTime() - start < 2_000_000_000L);
            Thread.sleep(5);
        }
    }

    @Test
    void aFixedValueNeverLooksAtFiles() {
        WatchedFiles<String> fixed = WatchedFiles.fixed("x");
        assertEquals("x", fixed.get());
        fixed.checkNow();
        assertEquals("x", fixed.get());
    }
}
