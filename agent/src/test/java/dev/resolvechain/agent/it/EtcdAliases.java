package dev.resolvechain.agent.it;

import dev.resolvechain.testkit.Etcd;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test's alias source in etcd ({@code aliases=etcd://127.0.0.1:PORT/PREFIX}) and the child JVMs that use it: a
 * prefix of its own on an {@link Etcd} the test class may share, each owner's registration the key
 * {@code PREFIX/OWNER} with a value in the alias file syntax, and a snapshot file in the test's directory. Every
 * child also gets {@code XDG_CACHE_HOME} in that directory: none writes to the user's own ~/.cache.
 */
final class EtcdAliases {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final Etcd etcd;
    final ChainFiles files;
    final String prefix;
    /** {@code aliases.snapshot}: the test's own file. */
    final Path snapshot;
    private final List<String> access = new ArrayList<>();
    private String location;

    EtcdAliases(Etcd etcd, ChainFiles files) {
        this.etcd = etcd;
        this.files = files;
        this.prefix = "/resolvechain/it" + PREFIXES.incrementAndGet() + "/aliases";
        this.snapshot = files.dir.resolve("cache").resolve("aliases.snapshot");
        this.location = etcd.location(prefix);
    }

    /** {@code aliases.etcd.*} pairs (TLS and user) that every child, agent and command, gets. */
    EtcdAliases access(String... pairs) {
        access.addAll(List.of(pairs));
        return this;
    }

    /** Names the members differently, e.g. by a host name, as {@code etcd://MEMBERS}{@link #prefix}. */
    EtcdAliases members(String members) {
        location = "etcd://" + members + prefix;
        return this;
    }

    /** What {@code aliases} is set to. */
    String location() {
        return location;
    }

    String key(String owner) {
        return prefix + "/" + owner;
    }

    /** Writes {@code owner}'s registration, each line {@code ADDRESS NAME...}; returns the time just before (epoch ms). */
    long put(String owner, String... lines) {
        long at = System.currentTimeMillis();
        etcd.put(key(owner), text(lines));
        return at;
    }

    /** The same under the lease {@code lease}, which ends it when it ends. */
    long put(String owner, long lease, String... lines) {
        long at = System.currentTimeMillis();
        etcd.put(key(owner), text(lines), lease);
        return at;
    }

    /** Deletes {@code owner}'s registration; returns the time just before (epoch ms). */
    long delete(String owner) {
        long at = System.currentTimeMillis();
        etcd.delete(key(owner));
        return at;
    }

    /** {@code owner}'s registration as etcd holds it now, null when there is none. */
    String get(String owner) {
        return etcd.get(key(owner));
    }

    /** The etcd source's settings: {@code aliases}, {@code aliases.snapshot}, the access, then {@code extra}. */
    String[] settings(String... extra) {
        List<String> pairs = new ArrayList<>(List.of("aliases=" + location, "aliases.snapshot=" + snapshot));
        pairs.addAll(access);
        pairs.addAll(List.of(extra));
        return pairs.toArray(String[]::new);
    }

    /** A child on {@code jdk} under the agent, its chain the test's files with this source, then {@code extra} pairs. */
    TestJvm jvm(Jdk jdk, String... extra) {
        return plain(jdk).withAgent(settings(extra));
    }

    /** {@code java -jar resolvechain-agent.jar ARGS... SETTINGS...} to its end, the settings those of {@link #jvm}. */
    ScriptResult command(Jdk jdk, String... arguments) {
        return plain(jdk).jar(TestJvm.AGENT_JAR, commandLine(arguments));
    }

    /** The same, started: for a command that runs until it is stopped ({@code register} without {@code --ttl}). */
    RunningJvm startCommand(Jdk jdk, String... arguments) {
        return plain(jdk).startJar(TestJvm.AGENT_JAR, commandLine(arguments));
    }

    private String[] commandLine(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(files.settings(settings()));
        return all.toArray(String[]::new);
    }

    private TestJvm plain(Jdk jdk) {
        return TestJvm.on(jdk, files).env("XDG_CACHE_HOME", files.dir.resolve("xdg-cache").toString());
    }

    private static String text(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
