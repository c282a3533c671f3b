package dev.resolvechain.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the small text files the tiers are configured from, with a size limit. */
public final class TextFiles {
    /** Far above any real hosts or alias file; a larger one is a mistake (a log file, a core dump), not data. */
    public static final long MAX_BYTES = 16L << 20;

    private TextFiles() {
    }

    /**
     * The first {@code size} bytes of {@code file}, {@code size} being what the caller's stat of it
     * said: no system call to find the size or the end of the file. A caller that stats the file
     * again afterwards knows whether it read all of it.
     */
    public static String read(Path file, long size) throws IOException {
        if (size > MAX_BYTES) {
            throw tooLarge(file);
        }
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // a short read is not the end: read until full or end of file
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }

    private static IOException tooLarge(Path file) {
        return new IOException(file + " is larger than " + (MAX_BYTES >> 20) + " MiB");
    }

    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(file);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
