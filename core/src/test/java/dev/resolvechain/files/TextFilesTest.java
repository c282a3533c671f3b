package dev.resolvechain.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read whole at the size its stat gave: what it holds, and never more than that size. */
class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReadWholeAtTheSizeItsStatGave() throws IOException {
        Path file = Files.writeString(dir.resolve("web.hosts"), "192.0.2.1 wéb\n");
        long size = Files.size(file);
        assertEquals("192.0.2.1 wéb\n", TextFiles.readSized(file, "alias file", size, StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatGrewSinceItsStatIsRefusedNotReadOn() throws IOException {
        Path file = Files.writeString(dir.resolve("web.hosts"), "192.0.2.1 web\n192.0.2.2 web\n");
        TextFiles.Refused refused = assertThrows(TextFiles.Refused.class, () -> TextFiles.readSized(file, "alias file", 14, StandardCharsets.UTF_8));
        assertTrue(refused.getMessage().startsWith(file + " grew past the "), refused.getMessage());
    }

    @Test
    void aFileThatShrankSinceItsStatGivesWhatItHoldsNow() throws IOException {
        Path file = Files.writeString(dir.resolve("web.hosts"), "192.0.2.1 web\n");
        assertEquals("192.0.2.1 web\n", TextFiles.readSized(file, "alias file", 100, StandardCharsets.UTF_8));
    }

    @Test
    void bytesThatAreNoUtf8AreReplacedNotFatal() throws IOException {
        Path file = Files.write(dir.resolve("web.hosts"), new byte[] {'a', (byte) 0xff, 'b'});
        assertEquals("a\ufffdb", TextFiles.readSized(file, "alias file", 3, StandardCharsets.UTF_8));
    }
}
