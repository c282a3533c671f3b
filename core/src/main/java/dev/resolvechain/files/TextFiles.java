package dev.resolvechain.files;

import dev.resolvechain.Sizes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading the text files that other people and programs write (the alias source, the hosts file,
 * resolv.conf, the configuration file) so that none of them can block, exhaust or leak: only a
 * regular file is opened (a FIFO, a device, a socket or a directory is refused unread, so that
 * opening it cannot block and reading it cannot be endless), one larger than its kind's cap is
 * refused unread, and no more than the cap is ever read. A refused file's content is never read,
 * so it can never be echoed in a message.
 *
 * <p>What is checked is the file as a stat sees it just before it is opened; a file swapped for a
 * FIFO between the two by someone who may write its directory could still block the opening
 * (SECURITY.md says so).
 */
public final class TextFiles {
    /** The cap of resolv.conf and of the configuration file: far above any real one. */
    public static final long SMALL_FILE_CAP = 64 << 10;

    private TextFiles() {
    }

    /** Why a file is not read: it is no regular file, or larger than its cap. Its message names the file. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        public Refused(Path file, String why) {
            super(file + " " + why + ": not read");
        }
    }

    /** The whole of {@code file} ({@code what}, e.g. {@code resolv.conf}, for messages), at most {@code cap} bytes. */
    public static String read(Path file, String what, long cap, Charset charset) throws IOException {
        try (BufferedReader reader = open(file, Files.readAttributes(file, BasicFileAttributes.class), what, cap, charset)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }

    /**
     * Why {@code file} ({@code what}, e.g. {@code hosts file}) was not read, for the log: what a
     * {@link Refused} says (it names the file), that it does not exist, or the error.
     */
    public static String notRead(Path file, String what, IOException e) {
        if (e instanceof Refused) {
            return e.getMessage();
        }
        return what + " " + file + (e instanceof NoSuchFileException ? " does not exist" : " cannot be read (" + e + ")");
    }

    /** The attributes of {@code file} itself: a symbolic link is not followed. */
    public static BasicFileAttributes linkAttributes(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * A reader of {@code file}, whose stat the caller made ({@code attributes}, following links),
     * once it is known to be a regular file within {@code cap}; a file that grew past the cap
     * meanwhile ends the reading with {@link Refused}. UTF-8 unless said otherwise.
     */
    public static BufferedReader open(Path file, BasicFileAttributes attributes, String what, long cap, Charset charset)
            throws IOException {
        check(file, attributes, what, cap);
        return reader(file, what, cap, charset);
    }

    /** A reader of {@code file}, which the caller found to be a regular file within {@code cap}; more than {@code cap} bytes end it with {@link Refused}. */
    public static BufferedReader reader(Path file, String what, long cap, Charset charset) throws IOException {
        InputStream in = Channels.newInputStream(FileChannel.open(file));
        return new BufferedReader(new InputStreamReader(new CappedStream(in, file, what, cap), charset));
    }

    /**
     * The text of {@code file}, which the caller found to be a regular file of {@code size} bytes
     * (within its cap), read whole into one array: many small files (an alias directory's) are read
     * without a reader's buffers each. More than {@code size} bytes (it grew meanwhile) end it with {@link Refused}.
     */
    public static String readSized(Path file, String what, long size, Charset charset) throws IOException {
        if (size >= Integer.MAX_VALUE) {
            throw new Refused(file, "is " + size + " bytes, more than a " + what + " may have");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) size + 1);
        try (FileChannel channel = FileChannel.open(file)) {
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // until the end of the file, or one byte past the size it had
            }
        }
        if (bytes.position() > size) {
            throw new Refused(file, "grew past the " + Sizes.text(size) + " a " + what + " may have while it was read");
        }
        return new String(bytes.array(), 0, bytes.position(), charset);
    }

    public static BufferedReader open(Path file, BasicFileAttributes attributes, String what, long cap) throws IOException {
        return open(file, attributes, what, cap, StandardCharsets.UTF_8);
    }

    /** Refuses {@code file} unless {@code attributes} say a regular file of at most {@code cap} bytes. */
    public static void check(Path file, BasicFileAttributes attributes, String what, long cap) throws Refused {
        if (!attributes.isRegularFile()) {
            throw new Refused(file, "is " + kind(attributes) + ", not a regular " + what);
        }
        if (attributes.size() > cap) {
            throw new Refused(file, "is " + attributes.size() + " bytes, more than the " + Sizes.text(cap) + " a " + what + " may have");
        }
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return attributes.isSymbolicLink() ? "a symbolic link" : "a FIFO, a socket or a device";
    }

    /** An input stream that ends the reading with {@link Refused} once more than {@code cap} bytes came. */
    private static final class CappedStream extends InputStream {
        private final InputStream in;
        private final Path file;
        private final String what;
        private final long cap;
        private long read;

        CappedStream(InputStream in, Path file, String what, long cap) {
            this.in = in;
            this.file = file;
            this.what = what;
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, cap + 1 - read));
            if (n > 0) {
                read += n;
                if (read > cap) {
                    throw new Refused(file, "grew past the " + Sizes.text(cap) + " a " + what + " may have while it was read");
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
