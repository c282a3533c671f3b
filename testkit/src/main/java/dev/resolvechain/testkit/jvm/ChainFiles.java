package dev.resolvechain.testkit.jvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a child JVM's chain and JDK read, all in one directory of the caller's: the alias
 * source (a directory of {@code OWNER.hosts} files with {@code SCOPE/} sub-directories), the chain's
 * hosts file, an empty resolv.conf (so a dns tier without {@code nameservers} fails at once without
 * sending anything), and a hosts file for the JDK's built-in resolver. Nothing reads the machine's
 * /etc/hosts or /etc/resolv.conf. Each write is one atomic rename, as a watcher must see it.
 */
public final class ChainFiles {
    public final Path dir;
    public final Path aliases;
    public final Path hostsFile;
    public final Path resolvConf;
    public final Path jdkHostsFile;

    public ChainFiles(Path dir) {
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

    /** Writes {@code aliases/RELATIVE} (e.g. {@code web.hosts}, {@code net1/db.hosts}). */
    public ChainFiles alias(String relative, String... lines) {
        write(aliases.resolve(relative), lines);
        return this;
    }

    /** The chain's hosts file ({@code hostsFile}). */
    public ChainFiles hosts(String... lines) {
        write(hostsFile, lines);
        return this;
    }

    /** The chain's resolv.conf ({@code resolvConf}), e.g. a comment saying why it names no nameserver. */
    public ChainFiles resolvConf(String... lines) {
        write(resolvConf, lines);
        return this;
    }

    /** The only hosts file the JDK's built-in resolver reads ({@code -Djdk.net.hosts.file}). */
    public ChainFiles jdkHosts(String... lines) {
        write(jdkHostsFile, lines);
        return this;
    }

    /** A file in the directory, e.g. a properties file for the JDK. */
    public Path file(String name, String... lines) {
        Path file = dir.resolve(name);
        write(file, lines);
        return file;
    }

    /** The chain's files as {@code key=value} settings, then {@code extra} (a later pair wins). */
    public List<String> settings(String... extra) {
        List<String> pairs = new ArrayList<>(List.of("aliases=" + aliases, "hostsFile=" + hostsFile, "resolvConf=" + resolvConf));
        pairs.addAll(List.of(extra));
        return pairs;
    }

    /** The agent argument string of {@link #settings}. */
    public String agentArguments(String... extra) {
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
