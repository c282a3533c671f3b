package dev.resolvechain.testkit.jvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A child JVM that is running: its standard output and standard error are read line by line as
 * they come (kept, and handed to the launch's listeners); wait for a line, write to its standard
 * input, then {@link #finish()} it. Every wait is bounded by the launch's timeout: a child that
 * outlives it is killed and the wait throws an AssertionError with the command and the output so
 * far. {@link #close()} kills the child and its descendants.
 */
public final class RunningJvm implements AutoCloseable {
    /** How long the output may take to be read to its end once the child has exited (its descendants may hold the pipes). */
    private static final long DRAIN_MILLIS = 5000;

    private final Process process;
    private final String command;
    private final Duration timeout;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final CompletableFuture<JvmResult> ended = new CompletableFuture<>();

    RunningJvm(Process process, String command, Duration timeout, Consumer<String> onStdout, Consumer<String> onStderr) {
        this.process = process;
        this.command = command;
        this.timeout = timeout;
        Thread stdoutReader = read(process.getInputStream(), stdout, line -> {
            stdoutLines.add(line);
            onStdout.accept(line);
        });
        Thread stderrReader = read(process.getErrorStream(), stderr, onStderr);
        Thread exit = new Thread(() -> {
            try {
                int status = process.waitFor();
                stdoutReader.join(DRAIN_MILLIS);
                stderrReader.join(DRAIN_MILLIS);
                ended.complete(snapshot(status));
            } catch (InterruptedException e) {
                ended.completeExceptionally(e);
            }
        }, "child-exit-" + process.pid());
        exit.setDaemon(true);
        exit.start();
    }

    public long pid() {
        return process.pid();
    }

    /** Whether the child has exited and all its output has been read. */
    public boolean hasEnded() {
        return ended.isDone();
    }

    /** Completes with the result once the child has exited and all its output has been read. */
    public CompletionStage<JvmResult> ended() {
        return ended.minimalCompletionStage();
    }

    /** Waits for the next standard output line that starts with {@code prefix}; a child that ends or stalls first fails. */
    public String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = stdoutLines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && ended.isDone() && stdoutLines.isEmpty()) {
                break;
            }
        }
        throw killed("no line starting with '" + prefix + "' within " + timeout);
    }

    /** Waits until a standard output line starting with each of {@code prefixes} has come, in any order; fails as {@link #awaitLine} does. */
    public void awaitLines(String... prefixes) throws InterruptedException {
        List<String> missing = new ArrayList<>(List.of(prefixes));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            String line = stdoutLines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                missing.removeIf(line::startsWith);
            } else if (ended.isDone() && stdoutLines.isEmpty()) {
                break;
            }
        }
        if (!missing.isEmpty()) {
            throw killed("no line starting with " + missing + " within " + timeout);
        }
    }

    /** Writes one line to the child's standard input. */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the child's standard input, then waits for it to end by itself within the timeout; kills it and fails otherwise. */
    public JvmResult finish() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child has gone already, and closed its end
        }
        try {
            return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw killed("the child did not end within " + timeout + " and was killed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw killed("interrupted while waiting for the child to end");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Kills the child and every process it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private AssertionError killed(String what) {
        close();
        return new AssertionError(what + "\n" + snapshot(process.isAlive() ? -1 : process.exitValue()).describe());
    }

    private JvmResult snapshot(int exitCode) {
        return new JvmResult(command, exitCode, stdout.toString(), stderr.toString());
    }

    private static Thread read(InputStream stream, StringBuffer into, Consumer<String> listener) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    into.append(line).append('\n');
                    listener.accept(line);
                }
            } catch (IOException e) {
                into.append("[reading failed: ").append(e).append("]\n");
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
