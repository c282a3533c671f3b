package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent jar's commands on a test's alias directory, as the containers and an operator run them
 * ({@code java -jar resolvechain-agent.jar register|heartbeat|unregister|explain ... aliases=DIR}),
 * each in its own JVM on the test's JDK with the test's files.
 */
final class AliasCommands {
    private final Jdk jdk;
    private final ChainFiles files;

    AliasCommands(Jdk jdk, ChainFiles files) {
        this.jdk = jdk;
        this.files = files;
    }

    /** {@code register OWNER IPS NAME...}; returns when the owner's file was renamed into place (epoch millis, ±1 ms). */
    long register(String owner, String addresses, String... names) {
        List<String> arguments = new ArrayList<>(List.of("register", owner, addresses));
        arguments.addAll(List.of(names));
        Path file = ownerFile(owner);
        long before = exists(file) ? lastModified(file) : Long.MIN_VALUE;
        return timed(arguments, () -> exists(file) && lastModified(file) != before);
    }

    /** {@code unregister OWNER}; returns when the owner's file was gone (epoch millis, ±1 ms). */
    long unregister(String owner) {
        Path file = ownerFile(owner);
        return timed(List.of("unregister", owner), () -> !exists(file));
    }

    /** {@code heartbeat OWNER}; returns the owner's new modification time, which is what the agent goes by. */
    long heartbeat(String owner) {
        run("heartbeat", owner).succeeded();
        return lastModified(ownerFile(owner));
    }

    ScriptResult run(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(files.settings());
        return TestJvm.on(jdk, files).jar(TestJvm.AGENT_JAR, all.toArray(String[]::new));
    }

    Path ownerFile(String owner) {
        return files.aliases.resolve(owner + ".hosts");
    }

    /** Runs the command while this thread notes, to the millisecond, when {@code done} first holds. */
    private long timed(List<String> arguments, Condition done) {
        CompletableFuture<Long> at = CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                if (done.holds()) {
                    return System.currentTimeMillis();
                }
                try {
                    Thread.sleep(0, 200_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return -1L;
        });
        ScriptResult result = run(arguments.toArray(String[]::new)).succeeded();
        try {
            long millis = at.get(30, TimeUnit.SECONDS);
            assertTrue(millis > 0, () -> "the command did not change " + arguments.get(1) + "'s file\n" + result.describe());
            return millis;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Condition {
        boolean holds();
    }

    private static boolean exists(Path file) {
        return Files.exists(file);
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (java.nio.file.NoSuchFileException e) {
            return Long.MIN_VALUE;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
