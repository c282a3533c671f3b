package dev.resolvechain;

/** Sizes in bytes as the configuration writes them, for messages that name a cap. */
public final class Sizes {
    private Sizes() {
    }

    /** {@code 4 MiB}, {@code 64 KiB} or {@code 1000 bytes}: the largest binary unit that writes {@code bytes} exactly. */
    public static String text(long bytes) {
        if (bytes > 0 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes > 0 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
