package dev.resolvechain.samples;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import dev.resolvechain.testkit.jvm.RunningJvm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One run of {@link ScenarioApp} in a child JVM, on the JDK running the scenario, with or without the
 * agent. Its lookups come to a listener as {@link Lookup}s stamped when they were read; what it writes
 * on standard error (the agent's log) and anything else goes to the timeline.
 */
final class AppProcess implements AutoCloseable {
    /** How long an application usually may take to end once asked to. */
    static final Duration END_LIMIT = Duration.ofSeconds(10);

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

    private final RunningJvm jvm;
    private final long startNanos;
    private final CompletableFuture<Void> exitEvent;

    private AppProcess(RunningJvm jvm, long startNanos, CompletableFuture<Void> exitEvent) {
        this.jvm = jvm;
        this.startNanos = startNanos;
        this.exitEvent = exitEvent;
    }

    /**
     * Starts {@code ScenarioApp APP_ARGS} under the agent with {@code agentArguments} (null: without it),
     * reading {@code files}: the JDK's own resolver reads only their {@code jdkHostsFile}, never the
     * machine's /etc/hosts or nameservers. It may take {@code limit} to end once asked to.
     */
    static AppProcess start(String label, Timeline timeline, String agentArguments, ChainFiles files, Duration limit,
                            List<String> appArgs, Consumer<Lookup> listener) {
        JvmLaunch launch = JvmLaunch.on(Jdk.current()).files(files).timeout(limit)
                .onStdout(line -> {
                    String[] fields = line.split("\t", 5);
                    if (fields.length == 5 && fields[0].equals("lookup")) {
                        listener.accept(new Lookup(label, fields[1], Long.parseLong(fields[2]), fields[3].equals("ok"), fields[4], System.nanoTime()));
                    } else {
                        timeline.event(label, line);
                    }
                })
                .onStderr(line -> timeline.event(label, line))
                .main(ScenarioApp.class, appArgs.toArray(String[]::new));
        if (agentArguments != null) {
            launch.agent(agentArguments);
        }
        long start = System.nanoTime();
        RunningJvm jvm = launch.start();
        timeline.event(start, label, "started (pid " + jvm.pid() + (agentArguments == null ? "), without the agent" : "), with the agent"));
        // says when it ended, after everything it wrote
        CompletableFuture<Void> exitEvent = jvm.ended().thenAccept(result -> timeline.event(label, "exited with status " + result.exitCode()))
                .toCompletableFuture();
        return new AppProcess(jvm, start, exitEvent);
    }

    long startNanos() {
        return startNanos;
    }

    /**
     * Closes the application's standard input, which ends a {@code loop}, and waits for it to exit;
     * returns its exit status. One that is not gone within its limit is killed, and this throws.
     */
    int end() {
        int status = jvm.finish().exitCode();
        exitEvent.join();
        return status;
    }

    @Override
    public void close() {
        jvm.close();
    }
}
