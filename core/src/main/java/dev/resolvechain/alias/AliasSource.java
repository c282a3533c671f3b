package dev.resolvechain.alias;

import dev.resolvechain.hosts.HostsFormat;
import dev.resolvechain.hosts.Problem;
import dev.resolvechain.hosts.TextFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads the alias source: a single hosts-format file (one owner, named after the file), or a
 * directory where every {@code OWNER.hosts} is one owner's registration and every {@code SCOPE/}
 * sub-directory holds registrations visible only in that scope. A file that does not parse is not
 * registered at all (never half of it) and is reported with file and line.
 */
public final class AliasSource {
    static final String SUFFIX = ".hosts";

    private final Path path;

    public AliasSource(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Registrations that parsed, in (scope, owner) order, and the problems of the files that did not. */
    public record Scan(List<Registration> registrations, List<Problem> problems) {
    }

    public Scan scan() {
        List<Registration> registrations = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (Files.isDirectory(path)) {
            scanDirectory(path, null, registrations, problems);
        } else if (Files.exists(path)) {
            readOwner(path, null, registrations, problems);
        } else {
            problems.add(new Problem(path.toString(), 0, "the alias source does not exist (key 'aliases')"));
        }
        registrations.sort(Comparator.comparing((Registration r) -> r.scope() == null ? "" : r.scope())
                .thenComparing(Registration::owner));
        return new Scan(registrations, problems);
    }

    private static void scanDirectory(Path directory, String scope, List<Registration> registrations, List<Problem> problems) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (fileName.startsWith(".")) {
                    continue; // a writer's temporary file, renamed into place when complete
                }
                if (scope == null && Files.isDirectory(entry)) {
                    scanDirectory(entry, fileName.toLowerCase(Locale.ROOT), registrations, problems);
                } else if (fileName.endsWith(SUFFIX) && Files.isRegularFile(entry)) {
                    readOwner(entry, scope, registrations, problems);
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(directory.toString(), 0, "cannot list the directory: " + e.getMessage()));
        }
    }

    private static void readOwner(Path file, String scope, List<Registration> registrations, List<Problem> problems) {
        try {
            String text = TextFiles.read(file);
            var modified = Files.getLastModifiedTime(file).toInstant();
            HostsFormat.Parsed parsed = HostsFormat.parse(text, file.toString());
            if (parsed.problems().isEmpty()) {
                registrations.add(new Registration(ownerName(file), scope, file, parsed.lines(), modified));
            } else {
                problems.addAll(parsed.problems());
            }
        } catch (IOException e) {
            problems.add(new Problem(file.toString(), 0, "cannot read: " + e.getMessage()));
        }
    }

    static String ownerName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }
}
