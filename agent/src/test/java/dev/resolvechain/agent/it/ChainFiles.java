package dev.resolvechain.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one test's child JVMs read, all in the test's own directory: the alias source (a
 * directory of {@code OWNER.hosts} files with {@code SCOPE/} sub-directories), the chain's hosts
 * file, an empty resolv.conf (so a dns tier fails at once without sending anything), and a hosts
 * file for the JDK's built-in resolver. Nothing reads the machine's /etc/hosts or /etc/resolv.conf.
 */
final class ChainFiles {
    final Path dir;
    final Path aliases;
    final Path hostsFile;
    final Path resolvConf;
    final Path jdkHostsFile;

    ChainFiles(Path dir) {
        this.dir = dir;
        this.aliases = dir.resolve("aliases");
        this.hostsFile = dir.resolve("hosts");
        this.resolvConf = dir.resolve("resolv.conf");
        this.jdkHostsFile = dir.resolve("jdk-hosts");
        try {
            Files.createDirectories(aliases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(hostsFile);
        write(resolvConf);
        write(jdkHostsFile);
    }

    /** Writes {@code aliases/RELATIVE} (e.g. {@code web.hosts}, {@code net1/db.hosts}) in one atomic rename. */
    ChainFiles alias(String relative, String... lines) {
        write(aliases.resolve(relative), lines);
        return this;
    }

    ChainFiles hosts(String... lines) {
        write(hostsFile, lines);
        return this;
    }

    ChainFiles jdkHosts(String... lines) {
        write(jdkHostsFile, lines);
        return this;
    }

    /** A file in the test's directory, e.g. a properties file for the JDK. */
    Path file(String name, String... lines) {
        Path file = dir.resolve(name);
        write(file, lines);
        return file;
    }

    /** The chain's files as {@code key=value} pairs, then {@code extra} (a later pair wins). */
    List<String> settings(String... extra) {
        List<String> pairs = new ArrayList<>(List.of("aliases=" + aliases, "hostsFile=" + hostsFile, "resolvConf=" + resolvConf));
        pairs.addAll(List.of(extra));
        return pairs;
    }

    /** The agent argument string of {@link #settings}. */
    String agentArguments(String... extra) {
        return String.join(";", settings(extra));
    }

    private static void write(Path file, String... lines) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(temporary, List.of(lines));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
