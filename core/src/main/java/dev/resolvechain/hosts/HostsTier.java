package dev.resolvechain.hosts;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.Log;
import dev.resolvechain.Query;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's hosts file, consulted before the host nameservers as glibc's {@code files} source is.
 * Lines that do not parse are skipped and logged, as glibc skips them. {@code localhost} and
 * {@code *.localhost} resolve to the loopback addresses even when the file lacks them (RFC 6761).
 */
public final class HostsTier implements Tier {
    private static final List<InetAddress> LOOPBACK = List.of(
            InetAddress.getLoopbackAddress(), IpLiteral.parse("::1"));

    private final Path file;
    private final Map<String, List<HostsLine>> byName;
    private final Map<InetAddress, HostsLine> byAddress;

    private HostsTier(Path file, List<HostsLine> lines) {
        this.file = file;
        this.byName = new HashMap<>();
        this.byAddress = new HashMap<>();
        for (HostsLine line : lines) {
            for (String name : line.names()) {
                byName.computeIfAbsent(name, n -> new ArrayList<>(1)).add(line);
            }
            byAddress.putIfAbsent(line.address(), line);
        }
    }

    /** Reads {@code file}; a missing or unreadable file is an empty one (logged), as for glibc. */
    public static HostsTier load(Path file) {
        try {
            HostsFormat.Parsed parsed = HostsFormat.parse(TextFiles.read(file), file.toString());
            for (Problem problem : parsed.problems()) {
                Log.warn("hosts file line skipped: " + problem);
            }
            return new HostsTier(file, parsed.lines());
        } catch (IOException e) {
            Log.debug("hosts file " + file + " not read: " + e);
            return new HostsTier(file, List.of());
        }
    }

    @Override
    public String name() {
        return "hosts";
    }

    @Override
    public Verdict resolve(Query query) {
        if (query.reverse()) {
            HostsLine line = byAddress.get(IpLiteral.of(query.address()));
            return line == null
                    ? Verdict.fallthrough("no line for this address in " + file)
                    : Verdict.answerName(line.names().get(0), file + ":" + line.lineNumber());
        }
        List<HostsLine> lines = byName.get(query.name());
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
}
