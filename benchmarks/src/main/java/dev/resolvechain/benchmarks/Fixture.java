package dev.resolvechain.benchmarks;

import dev.resolvechain.testkit.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a benchmark run reads, written into a fresh temporary directory: an alias directory
 * of three owners, a hosts file holding the same entries for the JDK (plus the usual localhost
 * lines and optional filler), a resolv.conf naming only loopback, and an empty "guard" hosts file.
 * Nothing reads the machine's own /etc/hosts or /etc/resolv.conf.
 */
final class Fixture {
    /** The alias every mode looks up, and its address. */
    static final String NAME = "orders-db";
    static final String ADDRESS = "127.0.10.2";

    private static final String[][] OWNERS = {
        {"orders", "127.0.10.1 orders-api orders-api.internal", "127.0.10.2 orders-db orders-db.internal", "127.0.10.3 orders-cache"},
        {"billing", "127.0.11.1 billing-api billing-api.internal", "127.0.11.2 billing-db", "127.0.11.3 billing-queue"},
        {"search", "127.0.12.1 search-api", "127.0.12.2 search-index search-index.internal", "127.0.12.3 search-cache"},
    };

    final Path directory;
    final Path aliases;
    final Path hostsFile;
    final Path guardHostsFile;
    final Path resolvConf;
    final int hostsLines;
    final long hostsBytes;

    private Fixture(Path directory, int fillerLines) throws IOException {
        this.directory = directory;
        aliases = Files.createDirectory(directory.resolve("aliases"));
        StringBuilder hosts = new StringBuilder()
                .append("127.0.0.1 localhost\n")
                .append("::1 localhost ip6-localhost ip6-loopback\n")
                .append("ff02::1 ip6-allnodes\n")
                .append("ff02::2 ip6-allrouters\n")
                .append("# the alias files' entries, as a hosts file\n");
        for (String[] owner : OWNERS) {
            StringBuilder file = new StringBuilder("# owner ").append(owner[0]).append('\n');
            for (int i = 1; i < owner.length; i++) {
                file.append(owner[i]).append('\n');
                hosts.append(owner[i]).append('\n');
            }
            Files.writeString(aliases.resolve(owner[0] + ".hosts"), file, StandardCharsets.UTF_8);
        }
        for (int i = 0; i < fillerLines; i++) {
            hosts.append("127.0.20.").append(i % 250 + 1).append(" filler-").append(i).append(".bench.internal\n");
        }
        hostsFile = Files.writeString(directory.resolve("hosts"), hosts, StandardCharsets.UTF_8);
        hostsLines = (int) hosts.chars().filter(c -> c == '\n').count();
        hostsBytes = Files.size(hostsFile);
        guardHostsFile = Files.writeString(directory.resolve("guard-hosts"),
                "# deliberately empty: a lookup that reaches the JDK's own resolver finds nothing here\n", StandardCharsets.UTF_8);
        resolvConf = Files.writeString(directory.resolve("resolv.conf"),
                "# loopback only; the alias tier answers before any nameserver is asked\n"
                        + "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n", StandardCharsets.UTF_8);
    }

    static Fixture create(int fillerLines) throws IOException {
        return new Fixture(Files.createTempDirectory("resolvechain-bench-"), fillerLines);
    }

    /** The agent argument string: aliases, hostsFile and resolvConf all point into this fixture. */
    String agentArguments() {
        return "aliases=" + aliases + ";hostsFile=" + hostsFile + ";resolvConf=" + resolvConf + ";log.level=warn";
    }

    void delete() throws IOException {
        Trees.delete(directory);
    }
}
