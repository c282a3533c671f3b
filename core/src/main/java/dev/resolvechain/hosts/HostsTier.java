package dev.resolvechain.hosts;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.Log;
import dev.resolvechain.Query;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import dev.resolvechain.files.HostsFormat;
import dev.resolvechain.files.HostsLine;
import dev.resolvechain.files.Problem;
import dev.resolvechain.files.TextFiles;
import dev.resolvechain.files.WatchedFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's hosts file, consulted before the host nameservers as glibc's {@code files} source is.
 * Lines that do not parse are skipped and logged, as glibc skips them. {@code localhost} and
 * {@code *.localhost} resolve to the loopback addresses even when the file lacks them (RFC 6761).
 *
 * <p>The file is read again when it changes (see {@link WatchedFiles}): lookups look at it at most
 * every {@link WatchedFiles#DEFAULT_CHECK_EVERY}. A change that adds a line that does not parse, or
 * a file that can no longer be read, leaves the last good version in force (logged with file and line).
 */
public final class HostsTier implements Tier {
    private static final List<InetAddress> LOOPBACK = List.of(
            InetAddress.getLoopbackAddress(), IpLiteral.parse("::1"));

    private final Path file;
    private final WatchedFiles<Index> index;

    /** The file's lines by name and by address. Immutable once built. */
    private static final class Index {
        static final Index EMPTY = new Index(List.of());

        final Map<String, List<HostsLine>> byName = new HashMap<>();
        final Map<InetAddress, HostsLine> byAddress = new HashMap<>();
        final List<HostsLine> lines;

        Index(List<HostsLine> lines) {
            for (HostsLine line : lines) {
                for (String name : line.names()) {
                    List<HostsLine> named = byName.get(name); // not computeIfAbsent: a lambda's bootstrap as the chain is built
                    if (named == null) {
                        named = new ArrayList<>(1);
                        byName.put(name, named);
                    }
                    named.add(line);
                }
                byAddress.putIfAbsent(line.address(), line);
            }
            this.lines = List.copyOf(lines);
        }
    }

    /** The cap of a hosts file when none is configured ({@code hostsFile.maxSize}). */
    public static final long DEFAULT_MAX_SIZE = 4 << 20;

    private HostsTier(Path file, long maxSize, Duration checkEvery) {
        this.file = file;
        this.index = WatchedFiles.watch("hosts file " + file, List.of(file), checkEvery, new FileReader(file, maxSize), new ChangeLog(file));
    }

    /**
     * Reads {@code file}, and again when it changes; a missing or unreadable file is an empty one
     * (logged), as for glibc; one that is no regular file or larger than {@code maxSize} is refused unread.
     */
    public static HostsTier load(Path file, long maxSize) {
        return new HostsTier(file, maxSize, WatchedFiles.DEFAULT_CHECK_EVERY);
    }

    /** As {@link #load(Path, long)} with {@link #DEFAULT_MAX_SIZE}. */
    public static HostsTier load(Path file) {
        return load(file, DEFAULT_MAX_SIZE);
    }

    /** As {@link #load(Path)}, looking at the file for changes at most every {@code checkEvery}. */
    public static HostsTier load(Path file, Duration checkEvery) {
        return new HostsTier(file, DEFAULT_MAX_SIZE, checkEvery);
    }

    @Override
    public String name() {
        return "hosts";
    }

    /**
     * From memory; at most every check interval the caller also looks at the file (a stat) and, when
     * it changed, rereads it (a regular file within {@code hostsFile.maxSize}, opened so that it cannot
     * block), as Netty's own hosts-file refresh does on its event loop.
     */
    @Override
    public boolean decidesAtOnce(Query query) {
        return true;
    }

    @Override
    public Verdict resolve(Query query) {
        Index current = index.get();
        if (query.reverse()) {
            HostsLine line = current.byAddress.get(IpLiteral.of(query.address()));
            return line == null
                    ? Verdict.fallthrough("no line for this address in " + file)
                    : Verdict.answerName(line.names().get(0), file + ":" + line.lineNumber());
        }
        List<HostsLine> lines = current.byName.get(query.name());
        if (lines == null) {
            if (isLocalhost(query.name())) {
                return Verdict.answer(query.policy().apply(LOOPBACK), "localhost is the loopback address (RFC 6761); not in " + file);
            }
            return Verdict.fallthrough("not in " + file);
        }
        List<InetAddress> addresses = new ArrayList<>(lines.size());
        StringBuilder where = new StringBuilder();
        for (HostsLine line : lines) {
            if (!addresses.contains(line.address())) {
                addresses.add(line.address());
            }
            where.append(where.length() == 0 ? file + ":" : ",").append(line.lineNumber());
        }
        List<InetAddress> wanted = query.policy().apply(addresses);
        if (wanted.isEmpty()) {
            return Verdict.fallthrough(where + " has no address of the requested family");
        }
        return Verdict.answer(wanted, where.toString());
    }

    private static boolean isLocalhost(String name) {
        return name.equals("localhost") || name.endsWith(".localhost");
    }

    /** Reads the file; lines that do not parse are left out and logged. (A class, not a lambda: built at JVM start.) */
    private static final class FileReader implements WatchedFiles.Reader<Index> {
        private final Path file;
        private final long maxSize;
        private boolean first = true;

        FileReader(Path file, long maxSize) {
            this.file = file;
            this.maxSize = maxSize;
        }

        @Override
        public WatchedFiles.Loaded<Index> read() throws IOException {
            HostsFormat.Parsed parsed;
            // followed if a link: /etc/hosts may be one, and nobody but root writes /etc
            try (BufferedReader reader = TextFiles.open(file, Files.readAttributes(file, BasicFileAttributes.class), "hosts file", maxSize)) {
                parsed = HostsFormat.parse(reader, file);
            }
            if (first) {
                first = false;
                for (Problem problem : parsed.problems()) {
                    Log.warn("hosts file line skipped: " + problem);
                }
            }
            return new WatchedFiles.Loaded<>(new Index(parsed.lines()), parsed.problems());
        }

        @Override
        public Index unreadable(IOException e) {
            first = false;
            if (e instanceof NoSuchFileException) {
                Log.debug(TextFiles.notRead(file, "hosts file", e));
            } else {
                Log.warn(TextFiles.notRead(file, "hosts file", e) + " (no names from it until it can be read)");
            }
            return Index.EMPTY;
        }
    }

    private static final class ChangeLog implements WatchedFiles.Listener<Index> {
        private final Path file;

        ChangeLog(Path file) {
            this.file = file;
        }

        @Override
        public void changed(Index before, Index after) {
            if (!before.lines.equals(after.lines)) {
                Log.info("hosts file " + file + " read again: " + after.lines.size() + " lines (were " + before.lines.size() + ")");
            }
        }
    }
}
