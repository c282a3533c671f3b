package dev.resolvechain.jdk;

import dev.resolvechain.Log;
import dev.resolvechain.observe.ControlDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * This JVM's side of {@code status PID}, {@code recent PID} and {@code explain --pid PID}: it keeps
 * {@code PID.jvm} in the user's {@link ControlDirectory} and answers each {@code PID.request} found
 * there (looked for every {@link #POLL_MILLIS} ms: a stat) with a {@code PID.response}. Runs on a
 * daemon thread; stops when its directory cannot be used, and says why once.
 */
public final class ControlChannel {
    static final long POLL_MILLIS = 100;

    private final ControlDirectory directory;
    private final long pid = ProcessHandle.current().pid();
    private volatile JvmReport report;

    public ControlChannel(ControlDirectory directory, JvmReport report) {
        this.directory = directory;
        this.report = report;
    }

    /** After an attach installs a new chain: answers from it. */
    public void answerFrom(JvmReport newReport) {
        report = newReport;
    }

    /** Makes this JVM known in the directory ({@code PID.jvm}); false (said once) when the directory cannot be used. */
    public boolean open(String chain) {
        try {
            directory.ready();
            directory.write(directory.jvmFile(pid), "pid=" + pid + "\nchain=" + chain + "\n");
        } catch (IOException | RuntimeException e) {
            Log.warn("status, recent and explain --pid cannot reach this JVM: " + e.getMessage());
            return false;
        }
        return true; // no exit hook to delete PID.jvm (it would touch the JDK's shutdown machinery): status drops the files of ended JVMs
    }

    /** Answers requests until {@code untilNanos} ({@link System#nanoTime}; {@link Long#MAX_VALUE}: ever) or the thread is interrupted. */
    public void serve(long untilNanos) {
        while (!Thread.currentThread().isInterrupted() && (untilNanos == Long.MAX_VALUE || System.nanoTime() - untilNanos < 0)) {
            try {
                Thread.sleep(POLL_MILLIS);
                if (Files.exists(directory.request(pid))) {
                    answer();
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                Log.debug("a status request: " + e);
            }
        }
    }

    private void answer() throws IOException {
        String request = directory.take(directory.request(pid));
        if (request != null) {
            directory.write(directory.response(pid), report.answer(List.of(request.split("\n"))));
        }
    }
}
