package dev.resolvechain.alias;

import dev.resolvechain.IpLiteral;
import dev.resolvechain.Names;
import dev.resolvechain.files.HostsFormat;
import dev.resolvechain.files.HostsLine;
import dev.resolvechain.files.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * What every alias source holds of a registration, whatever stores it: its text (the alias file
 * syntax, as {@code register} writes it) and the names no registration may claim.
 */
public final class RegistrationRules {
    private RegistrationRules() {
    }

    /**
     * The text that registers each of {@code addresses} with every one of {@code names}.
     *
     * @throws IllegalArgumentException naming the address or name that cannot be registered
     */
    public static String text(List<String> addresses, List<String> names) {
        for (String name : names) {
            String problem = Names.problem(name); // else a space, '#' or newline would register something else
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        StringBuilder text = new StringBuilder("# registered by resolvechain register\n");
        for (String address : addresses) {
            if (IpLiteral.parse(address) == null) {
                throw new IllegalArgumentException("'" + address + "' is not an IP address");
            }
            text.append(address).append(' ').append(String.join(" ", names)).append('\n');
        }
        HostsFormat.Parsed parsed = HostsFormat.parse(text.toString(), "registration");
        List<Problem> problems = parsed.problems().isEmpty() ? reserved(parsed.lines(), "registration") : parsed.problems();
        if (!problems.isEmpty() || names.isEmpty() || addresses.isEmpty()) {
            throw new IllegalArgumentException(!problems.isEmpty() ? problems.get(0).message() : "a registration needs at least one address and one name");
        }
        return text.toString();
    }

    /**
     * The lines of {@code source} that claim a name no alias may: {@code localhost} and names under it
     * (RFC 6761); as for lines that do not parse, the first {@link HostsFormat#MAX_PROBLEMS}, then a
     * count of the others. A loopback address may be an alias's answer (a sidecar on this host), but
     * never its reverse name, which is this machine's own ({@code AliasIndex}).
     */
    public static List<Problem> reserved(List<HostsLine> lines, Object source) {
        List<Problem> problems = new ArrayList<>(0);
        int more = 0;
        for (HostsLine line : lines) {
            String claim = reservedClaim(line);
            if (claim == null) {
                continue;
            }
            if (problems.size() < HostsFormat.MAX_PROBLEMS) {
                problems.add(new Problem(source.toString(), line.lineNumber(), claim));
            } else {
                more++;
            }
        }
        if (more > 0) {
            problems.add(new Problem(source.toString(), 0, "and " + more + " more lines that claim what no alias may"));
        }
        return problems;
    }

    /** Why {@code line} claims a name no alias may, or null if it does not. */
    private static String reservedClaim(HostsLine line) {
        for (String name : line.names()) {
            if (Names.isUnder(name, "localhost")) {
                return "'" + name + "' is reserved (RFC 6761): no alias may claim it";
            }
        }
        return null;
    }
}
