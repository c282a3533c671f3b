package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Etcd;
import dev.resolvechain.testkit.EtcdExtension;
import dev.resolvechain.testkit.EtcdMember;
import dev.resolvechain.testkit.Trees;
import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aliases.snapshot}: a JVM that follows etcd keeps the registrations in force in a file; a JVM that starts
 * while etcd is down answers from that file, and says so in its log and in {@code explain} (asked of the running
 * JVM, and of the command line's own chain); once etcd is back it follows etcd again, and changes made since are
 * seen. The alias never goes missing on the way. And etcd restored from a backup (the same cluster, back at an older
 * revision) is what counts, both for a JVM that starts from a newer snapshot and for one that follows etcd throughout.
 * One etcd member for the class, stopped, killed and restored by the tests, a prefix for each test.
 */
class EtcdSnapshotIT {
    private static final String OLD = "192.0.2.71";
    private static final String NEW = "192.0.2.72";
    private static final String NEWER = "192.0.2.73";
    /** The agent tries again after 100 ms, doubling to 5 s: it is back within a few seconds; the bound is for a loaded machine. */
    private static final long BACK_BOUND_MILLIS = 15_000;
    private static final long EXPLAIN_WAIT_MILLIS = 10_000;

    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.single();

    @TempDir
    Path dir;

    @OnBothJdks
    void aJvmStartedWhileEtcdIsDownAnswersFromTheSnapshotSaysSoAndFollowsEtcdOnceItIsBack(Jdk jdk) throws Exception {
        EtcdAliases aliases = new EtcdAliases(ETCD.etcd(), new ChainFiles(dir));
        aliases.put("api-1", OLD + " api");
        ScriptResult first = aliases.jvm(jdk, "log.level=warn").script("all:api").succeeded();
        assertEquals(OLD, first.answer("all:api"));
        String snapshot = Files.readString(aliases.snapshot);
        assertTrue(snapshot.contains("location " + aliases.location() + "\n") && snapshot.contains(OLD + " api"),
                "the JVM following etcd wrote what it answers to " + aliases.snapshot + ":\n" + snapshot);

        ETCD.etcd().member(0).kill();
        ScriptResult result;
        String whileDown;
        String cliWhileDown;
        String whenBack;
        long back;
        try (RunningJvm child = aliases.jvm(jdk).timeout(Duration.ofSeconds(40)).start("watch:all=api")) {
            child.awaitLine(Watched.line("all=api", OLD));
            String pid = String.valueOf(child.pid());
            whileDown = explain(aliases, jdk, "api", "--pid", pid);
            cliWhileDown = explain(aliases, jdk, "api");

            ETCD.etcd().member(0).restart();
            back = aliases.put("api-2", NEW + " api");
            aliases.delete("api-1");
            child.awaitLine(Watched.line("all=api", NEW));
            whenBack = explain(aliases, jdk, "api", "--pid", pid);
            child.send("stop");
            result = new ScriptResult(child.finish()).succeeded();
        } finally {
            if (!ETCD.etcd().member(0).isRunning()) {
                ETCD.etcd().member(0).restart();
            }
        }

        System.out.println(jdk + ": explain --pid while etcd is down:\n" + whileDown);
        String answeringFromSnapshot = "answering from the snapshot " + aliases.snapshot + " of revision ";
        assertTrue(whileDown.contains(answeringFromSnapshot), "explain --pid says where the answers come from:\n" + whileDown);
        assertTrue(whileDown.contains("answer: " + OLD) && whileDown.contains(OLD + " (owner api-1, "), whileDown);
        assertTrue(cliWhileDown.contains(answeringFromSnapshot) && cliWhileDown.contains("answer: " + OLD),
                "the command line's own chain reads the snapshot too:\n" + cliWhileDown);
        assertFalse(whenBack.contains("snapshot"), "following etcd again:\n" + whenBack);
        assertTrue(whenBack.contains("answer: " + NEW) && whenBack.contains(NEW + " (owner api-2, "), whenBack);

        List<String> log = result.stderrLines();
        assertTrue(log.stream().anyMatch(line -> line.startsWith("resolvechain INFO: aliases: 1 owners from the snapshot " + aliases.snapshot
                + " (revision ") && line.endsWith(") until etcd answers")), "the log says the snapshot answers:\n" + result.describe());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("resolvechain WARN: ") && line.contains("etcd cannot be followed (")
                && line.contains("connection refused") && line.contains(answeringFromSnapshot)), "and why:\n" + result.describe());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("resolvechain INFO: aliases: following " + aliases.location() + " on member ")),
                "and when etcd answers again:\n" + result.describe());

        Watched api = Watched.of(result, "all=api");
        assertTrue(List.of(List.of(OLD, NEW), List.of(OLD, OLD + "," + NEW, NEW)).contains(api.answers()),
                "the snapshot's address from the start, then etcd's; never none: " + api.answers() + "\n" + result.describe());
        long followed = api.latency(NEW, back);
        System.out.printf("%s: etcd back; the change made then seen after %d ms%n", jdk, followed);
        assertTrue(followed <= BACK_BOUND_MILLIS, "etcd's change seen only " + followed + " ms after it was back");
    }

    /**
     * A snapshot newer than what etcd holds: etcd restored from a backup, the same cluster at an older revision, where
     * api-1 has another address than the snapshot says (written here as the agent writes it, 1,000 revisions on). What
     * etcd holds wins once it answers, in the JVM and in the file: the snapshot's revisions must not outrank etcd's.
     */
    @OnBothJdks
    void etcdRestoredToAnOlderRevisionWinsOverANewerSnapshot(Jdk jdk) throws IOException, InterruptedException {
        EtcdAliases aliases = new EtcdAliases(ETCD.etcd(), new ChainFiles(dir));
        aliases.put("api-1", NEW + " api");
        Matcher cluster = Pattern.compile("\"cluster_id\":\"(\\d+)\"").matcher(ETCD.etcd().call("/v3/maintenance/status", "{}"));
        assertTrue(cluster.find());
        long later = ETCD.etcd().revision() + 1000;
        Files.createDirectories(aliases.snapshot.getParent());
        Files.writeString(aliases.snapshot, String.join("\n", "resolvechain-etcd-snapshot 1", "location " + aliases.location(),
                "cluster " + cluster.group(1), "revision " + later, "written " + Instant.now(),
                "key " + Base64.getEncoder().encodeToString(aliases.key("api-1").getBytes(StandardCharsets.UTF_8)) + " " + (later - 1),
                OLD + " api", ""));
        Files.setPosixFilePermissions(aliases.snapshot, PosixFilePermissions.fromString("rw-------"));

        ScriptResult result;
        try (RunningJvm child = aliases.jvm(jdk).timeout(Duration.ofSeconds(15)).start("watch:all=api")) {
            child.awaitLine(Watched.line("all=api", NEW)); // etcd's address, not the snapshot's
            child.send("stop");
            result = new ScriptResult(child.finish()).succeeded();
        }
        assertTrue(result.stderr().contains("owners from the snapshot " + aliases.snapshot), "the snapshot was read\n" + result.describe());
        List<String> answers = Watched.of(result, "all=api").answers();
        assertTrue(List.of(List.of(NEW), List.of(OLD, NEW)).contains(answers), "the snapshot's address at most until etcd answers: " + answers);
        String rewritten = Files.readString(aliases.snapshot);
        assertTrue(rewritten.contains(NEW + " api") && !rewritten.contains(OLD), "and the snapshot is etcd's now, for the next JVM that starts"
                + " while etcd is down, though of an older revision:\n" + rewritten);
    }

    /**
     * etcd restored from a backup of its data directory while a JVM follows it: the same cluster, back at an older
     * revision, where api-1 has its old address again. The JVM answers what etcd holds from then on, and follows the
     * changes made after the restore, which etcd numbers with revisions the JVM has seen before.
     */
    @OnBothJdks
    void aRunningJvmFollowsEtcdRestoredFromABackup(Jdk jdk) throws Exception {
        EtcdAliases aliases = new EtcdAliases(ETCD.etcd(), new ChainFiles(dir));
        aliases.put("api-1", OLD + " api");
        EtcdMember member = ETCD.etcd().member(0);
        Path backup = dir.resolve("etcd-backup");
        member.stop();
        copyTree(member.dataDirectory(), backup);
        member.restart();
        ScriptResult result;
        try (RunningJvm child = aliases.jvm(jdk, "log.level=warn").timeout(Duration.ofSeconds(40)).start("watch:all=api")) {
            child.awaitLine(Watched.line("all=api", OLD));
            for (int i = 0; i < 5; i++) {
                aliases.put("other-" + i, "192.0.2.9" + i + " other-" + i); // etcd's revision moves on
            }
            aliases.put("api-1", NEW + " api");
            child.awaitLine(Watched.line("all=api", NEW));

            member.stop();
            Trees.delete(member.dataDirectory());
            copyTree(backup, member.dataDirectory());
            member.restart();
            child.awaitLine(Watched.line("all=api", OLD));
            aliases.put("api-1", NEWER + " api");
            child.awaitLine(Watched.line("all=api", NEWER));
            child.send("stop");
            result = new ScriptResult(child.finish()).succeeded();
        }
        assertEquals(List.of(OLD, NEW, OLD, NEWER), Watched.of(result, "all=api").answers(), result::describe);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** {@code explain ARGS...} once the JVM asked answers (its control thread starts a moment after the agent): its output. */
    private static String explain(EtcdAliases aliases, Jdk jdk, String... arguments) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("explain"));
        command.addAll(List.of(arguments));
        long deadline = System.currentTimeMillis() + EXPLAIN_WAIT_MILLIS;
        while (true) {
            ScriptResult explain = aliases.command(jdk, command.toArray(String[]::new));
            if (explain.exitCode() == 0 || System.currentTimeMillis() > deadline) {
                return explain.succeeded().stdout();
            }
            Thread.sleep(100);
        }
    }
}
