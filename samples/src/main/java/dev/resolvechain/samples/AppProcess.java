package dev.resolvechain.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of {@link ScenarioApp} in a child JVM, on the JDK running the scenario, with or without the
 * agent. Its lookups come to a listener as {@link Lookup}s stamped when they were read; what it writes
 * on standard error (the agent's log) and anything else goes to the timeline.
 */
final class AppProcess implements AutoCloseable {
    /** How long an application may take to end once asked to. */
    private static final long END_MILLIS = 10_000;

    /**
     * One lookup the application made, {@code endNanos} when its line was read (System.nanoTime).
     *
     * @param result the addresses, or {@code EXCEPTION: MESSAGE}
     */
    record Lookup(String app, String name, long micros, boolean ok, String result, long endNanos) {
        long startNanos() {
            return endNanos - micros * 1000;
        }

        long nanos() {
            return micros * 1000;
        }

        /** The addresses, or the exception's simple name ({@code UnknownHostException}). */
        String outcome() {
            if (ok) {
                return result;
            }
            String exception = result.substring(0, Math.max(0, result.indexOf(':')));
            return exception.substring(exception.lastIndexOf('.') + 1);
        }

        /** {@code api.vip -> 192.0.2.10  (0.41 ms)}. */
        String describe() {
            return name + " -> " + result + "  (" + Timeline.millis(nanos()) + ")";
        }
    }

    private final String label;
    private final Process process;
    private final Timeline timeline;
    private final long startNanos;
    private final Thread exit;

    private AppProcess(String label, Process process, Timeline timeline, Consumer<Lookup> listener, long startNanos) {
        this.label = label;
        this.process = process;
        this.timeline = timeline;
        this.startNanos = startNanos;
        Thread stdout = read(process.getInputStream(), line -> {
            String[] fields = line.split("\t", 5);
            if (fields.length == 5 && fields[0].equals("lookup")) {
                listener.accept(new Lookup(label, fields[1], Long.parseLong(fields[2]), fields[3].equals("ok"), fields[4], System.nanoTime()));
            } else {
                timeline.event(label, line);
            }
        });
        Thread stderr = read(process.getErrorStream(), line -> timeline.event(label, line));
        // says when it ended, after everything it wrote
        this.exit = new Thread(() -> {
            try {
                int status = process.waitFor();
                long ended = System.nanoTime();
                stdout.join(END_MILLIS);
                stderr.join(END_MILLIS);
                timeline.event(ended, label, "exited with status " + status);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "app-exit");
        exit.setDaemon(true);
        exit.start();
    }

    /**
     * Starts {@code java [-javaagent:AGENT=ARGS] -Djdk.net.hosts.file=JDK_HOSTS -cp DEMO_JAR ScenarioApp APP_ARGS}.
     * The JDK's own resolver reads only {@code jdkHosts}: never the machine's /etc/hosts or nameservers.
     *
     * @param agentArguments null: without the agent
     */
    static AppProcess start(String label, Timeline timeline, String agentArguments, Path jdkHosts, List<String> appArgs,
                            Consumer<Lookup> listener) throws IOException {
        List<String> command = new ArrayList<>(List.of(Launch.java()));
        if (agentArguments != null) {
            command.add("-javaagent:" + Launch.agentJar() + "=" + agentArguments);
        }
        command.addAll(List.of("-Djdk.net.hosts.file=" + jdkHosts, "-cp", Launch.ownJar().toString(), ScenarioApp.class.getName()));
        command.addAll(appArgs);
        long start = System.nanoTime();
        Process process = Launch.process(command).start();
        timeline.event(start, label, "started (pid " + process.pid() + (agentArguments == null ? "), without the agent" : "), with the agent"));
        return new AppProcess(label, process, timeline, listener, start);
    }

    long startNanos() {
        return startNanos;
    }

    /** Waits for the application to end by itself (killed after {@code millis}); returns its exit status. */
    int awaitExit(long millis) throws InterruptedException {
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            timeline.event(label, "did not end within " + millis + " ms: killed");
            process.destroyForcibly().waitFor();
        }
        exit.join(2 * END_MILLIS);
        return process.exitValue();
    }

    /** Closes the application's standard input, which ends a {@code loop}, and waits for it to exit. */
    int end() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it ended already
        }
        return awaitExit(END_MILLIS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread read(InputStream stream, Consumer<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "app-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
