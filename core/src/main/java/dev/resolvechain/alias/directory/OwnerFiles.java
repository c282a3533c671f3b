package dev.resolvechain.alias.directory;

import dev.resolvechain.files.Problem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The owner files of an alias source: a single hosts-format file (one owner, named after the file),
 * or a directory where every {@code OWNER.hosts} is one owner's registration and every
 * {@code SCOPE/} sub-directory holds registrations visible only in that scope. Files whose name
 * starts with a dot are a writer's temporary files, renamed into place when complete, and ignored.
 */
final class OwnerFiles {
    static final String SUFFIX = ".hosts";

    private final Path path;

    OwnerFiles(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    Path path() {
        return path;
    }

    /** An owner's file: {@code scope} is null for an unscoped owner. */
    record OwnerFile(Path file, String scope) {
        /** The owner's name: the file's name without {@code .hosts}. Not kept: a poll lists every file, and few are new. */
        String owner() {
            return ownerName(file);
        }
    }

    /** The owner files, and why some place could not be listed. */
    record Listing(List<OwnerFile> files, List<Problem> problems) {
    }

    /** The owner files of every scope when {@code scopes} is null, else of the unscoped owners and those scopes. */
    Listing list(Set<String> scopes, AliasFileRules rules) {
        List<OwnerFile> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (Files.isDirectory(path)) {
            listDirectory(path, null, scopes, rules, files, problems);
        } else if (Files.isRegularFile(path)) {
            files.add(new OwnerFile(path, null));
        } else {
            problems.add(new Problem(path.toString(), 0, "the alias source does not exist (key 'aliases')"));
        }
        return new Listing(files, problems);
    }

    private static void listDirectory(Path directory, String scope, Set<String> scopes, AliasFileRules rules,
                                      List<OwnerFile> files, List<Problem> problems) {
        String refused = rules.directoryProblem(directory, scope != null);
        if (refused != null) {
            problems.add(new Problem(directory.toString(), 0, refused));
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (fileName.startsWith(".")) {
                    continue;
                }
                if (fileName.endsWith(SUFFIX)) {
                    files.add(new OwnerFile(entry, scope)); // no stat: a listing of 10,000 owners stays cheap
                } else if (scope == null && Files.isDirectory(entry)) {
                    String subScope = scopeOf(entry);
                    if (scopes == null || scopes.contains(subScope)) {
                        listDirectory(entry, subScope, scopes, rules, files, problems);
                    }
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(directory.toString(), 0, "cannot list the directory: " + e));
        }
    }

    /** {@code file} as an owner file of this source (the source file itself, or a {@code .hosts} file in the directory or a scope directory), or null. */
    OwnerFile ownerFile(Path file) {
        if (file.equals(path)) {
            return new OwnerFile(path, null);
        }
        String fileName = file.getFileName().toString();
        if (fileName.startsWith(".") || !fileName.endsWith(SUFFIX)) {
            return null;
        }
        Path parent = file.getParent();
        if (parent.equals(path)) {
            return new OwnerFile(file, null);
        }
        return parent.getParent() != null && parent.getParent().equals(path)
                ? new OwnerFile(file, scopeOf(parent)) : null;
    }

    /** The scope a scope directory holds: its name in lower case. */
    static String scopeOf(Path scopeDirectory) {
        return scopeDirectory.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    static String ownerName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    /** The places a listing could not list: a tracked owner there is not unregistered (nothing is lost when a directory cannot be read). */
    static final class Unlisted {
        private boolean source;
        private final Set<String> scopes = new HashSet<>();

        Unlisted(Path path, List<Problem> problems) {
            for (Problem problem : problems) {
                Path place = Path.of(problem.file());
                if (place.equals(path)) {
                    source = true;
                } else if (path.equals(place.getParent())) {
                    scopes.add(scopeOf(place));
                }
            }
        }

        boolean hides(String key) {
            int slash = key.indexOf('/');
            return source || slash > 0 && scopes.contains(key.substring(0, slash));
        }
    }
}
