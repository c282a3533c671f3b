package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child JVM that is running: read its lines as they come, write to its stdin, then {@link #finish()} it. */
final class Running implements AutoCloseable {
    private final Process process;
    private final String command;
    private final Duration timeout;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    Running(Process process, String command, Duration timeout) {
        this.process = process;
        this.command = command;
        this.timeout = timeout;
        this.stdoutReader = drain(process.getInputStream(), stdout, lines);
        this.stderrReader = drain(process.getErrorStream(), stderr, null);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the next stdout line that starts with {@code prefix}; a child that ends or stalls first fails the test. */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        close();
        return fail("no line starting with '" + prefix + "' within " + timeout + "\n" + snapshot(-1).describe());
    }

    /** Waits until a stdout line starting with each of {@code prefixes} has come, in any order; fails the test as {@link #awaitLine} does. */
    void awaitLines(String... prefixes) throws InterruptedException {
        java.util.List<String> missing = new java.util.ArrayList<>(java.util.List.of(prefixes));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                missing.removeIf(line::startsWith);
            } else if (!process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        if (!missing.isEmpty()) {
            close();
            fail("no line starting with " + missing + " within " + timeout + "\n" + snapshot(-1).describe());
        }
    }

    /** Waits for the script's next {@code await}, does {@code action} (rewrites a file, say), then lets the script go on. */
    void atAwait(Runnable action) throws InterruptedException {
        awaitLine("await -> ");
        action.run();
        send("go");
    }

    /** Writes one line to the child's stdin. */
    void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the child to end by itself within the timeout; kills it and fails the test otherwise. */
    Result finish() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                fail("the child did not end within " + timeout + " and was killed\n" + snapshot(-1).describe());
            }
            stdoutReader.join(5000);
            stderrReader.join(5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            fail("interrupted", e);
        }
        return snapshot(process.exitValue());
    }

    private Result snapshot(int exitCode) {
        return new Result(command, exitCode, stdout.toString(), stderr.toString());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread drain(InputStream stream, StringBuffer into, BlockingQueue<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    into.append(line).append('\n');
                    if (lines != null) {
                        lines.add(line);
                    }
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
