package dev.resolvechain.wire;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Unpredictable bits for query ids (RFC 5452), from the kernel's {@code /dev/urandom} in blocks of
 * 256 bytes: seeding a {@link SecureRandom} loads the JDK's security providers, about 15 ms that a
 * JVM's first lookup would wait for. Where there is no {@code /dev/urandom}, a SecureRandom.
 */
final class RandomIds {
    private static final String URANDOM = "/dev/urandom";

    private InputStream urandom;
    private SecureRandom fallback;
    private final byte[] block = new byte[256];
    private int next = block.length;

    private RandomIds(InputStream urandom, SecureRandom fallback) {
        this.urandom = urandom;
        this.fallback = fallback;
    }

    static RandomIds open() {
        try {
            return new RandomIds(new FileInputStream(URANDOM), null); // kept open for the JVM's life: one descriptor
        } catch (IOException | SecurityException e) {
            return new RandomIds(null, new SecureRandom());
        }
    }

    synchronized int nextInt() {
        if (urandom == null) {
            return fallback.nextInt();
        }
        if (next + 4 > block.length && !refilled()) {
            return fallback.nextInt();
        }
        int value = (block[next] & 0xff) << 24 | (block[next + 1] & 0xff) << 16 | (block[next + 2] & 0xff) << 8 | block[next + 3] & 0xff;
        next += 4;
        return value;
    }

    /** A new block read; false (and a SecureRandom from then on) when /dev/urandom cannot be read: a lookup never fails for ids. */
    private boolean refilled() {
        try {
            int read = 0;
            while (read < block.length) {
                int n = urandom.read(block, read, block.length - read);
                if (n < 0) {
                    throw new IOException(URANDOM + " ended");
                }
                read += n;
            }
            next = 0;
            return true;
        } catch (IOException e) {
            urandom = null;
            fallback = new SecureRandom();
            return false;
        }
    }
}
