package dev.resolvechain.alias.directory;

import dev.resolvechain.WholeFiles;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Names;
import dev.resolvechain.files.HostsFormat;
import dev.resolvechain.files.Problem;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;

/**
 * The containers' side of the alias source: an owner registers its names (the whole file is
 * written under a temporary name and renamed into place, so no reader ever sees half of it),
 * refreshes its registration with a heartbeat, and unregisters by deleting its file.
 */
public final class Registrations {
    private final Path directory;

    /** @param directory the alias source directory ({@code aliases}) */
    public Registrations(Path directory) {
        this.directory = directory;
    }

    /** Writes {@code owner}'s registration: each address with every name. Returns the file. */
    public Path register(String owner, String scope, List<String> addresses, List<String> names) throws IOException {
        for (String name : names) {
            String problem = Names.problem(name); // else a space, '#' or newline would register something else
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        StringBuilder text = new StringBuilder("# registered by resolvechain register\n");
        for (String address : addresses) {
            InetAddress parsed = IpLiteral.parse(address);
            if (parsed == null) {
                throw new IllegalArgumentException("'" + address + "' is not an IP address");
            }
            text.append(address).append(' ').append(String.join(" ", names)).append('\n');
        }
        HostsFormat.Parsed parsed = HostsFormat.parse(text.toString(), "registration");
        if (!parsed.problems().isEmpty() || names.isEmpty() || addresses.isEmpty()) {
            Problem first = parsed.problems().isEmpty() ? null : parsed.problems().get(0);
            throw new IllegalArgumentException(first != null ? first.message() : "a registration needs at least one address and one name");
        }
        Path file = fileOf(owner, scope);
        Files.createDirectories(file.getParent());
        WholeFiles.write(file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp"), file, text.toString());
        return file;
    }

    /** Marks {@code owner} alive now. Returns false when it has no registration. */
    public boolean heartbeat(String owner, String scope) throws IOException {
        try {
            Files.setLastModifiedTime(fileOf(owner, scope), FileTime.fromMillis(System.currentTimeMillis()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Removes {@code owner}'s registration. Returns false when it had none. */
    public boolean unregister(String owner, String scope) throws IOException {
        return Files.deleteIfExists(fileOf(owner, scope));
    }

    Path fileOf(String owner, String scope) {
        checkFileName(owner, "an owner name");
        if (scope != null) {
            checkFileName(scope, "a scope name");
        }
        Path base = scope == null ? directory : directory.resolve(scope.toLowerCase(Locale.ROOT));
        return base.resolve(owner + OwnerFiles.SUFFIX);
    }

    private static void checkFileName(String name, String what) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("'" + name + "' cannot be " + what + " (a file name without '/' or a leading '.')");
        }
    }
}
