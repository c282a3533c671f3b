package dev.resolvechain.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "application" of the scenarios: an ordinary program that knows nothing of resolvechain and
 * resolves names with {@link InetAddress}. Each lookup is one line on standard output,
 * {@code lookup<TAB>NAME<TAB>MICROS<TAB>ok<TAB>ADDRESS,...} or
 * {@code lookup<TAB>NAME<TAB>MICROS<TAB>fail<TAB>EXCEPTION: MESSAGE}, which {@link AppProcess} reads.
 *
 * <ul>
 *   <li>{@code once NAME...}: resolves each name once, as at start-up; exits with status 1 if one failed.</li>
 *   <li>{@code loop THREADS PAUSE_MS NAME...}: each thread resolves the names in turn (from a different
 *       one), pausing between lookups (3 ms more per thread number, so that they do not run in step), until
 *       standard input ends (or {@link #MAX_RUN_MILLIS}).</li>
 * </ul>
 */
public final class ScenarioApp {
    /** However it is run, it ends by itself. */
    private static final long MAX_RUN_MILLIS = 60_000;

    private ScenarioApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("once")) {
            boolean allResolved = true;
            for (int i = 1; i < args.length; i++) {
                allResolved &= lookup(args[i]);
            }
            System.exit(allResolved ? 0 : 1);
        } else if (args.length >= 4 && args[0].equals("loop")) {
            loop(Integer.parseInt(args[1]), Long.parseLong(args[2]), List.of(args).subList(3, args.length));
        } else {
            System.err.println("usage: ScenarioApp once NAME... | loop THREADS PAUSE_MS NAME...");
            System.exit(2);
        }
    }

    private static void loop(int threads, long pauseMillis, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_RUN_MILLIS * 1_000_000;
        Thread stdinEnded = new Thread(ScenarioApp::drainStdin, "stdin");
        stdinEnded.setDaemon(true);
        stdinEnded.start();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                for (int i = first; stdinEnded.isAlive() && System.nanoTime() < deadline; i++) {
                    lookup(names.get(i % names.size()));
                    try {
                        Thread.sleep(pauseMillis + 3L * first); // not quite in step with the other threads
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "lookups-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** Resolves {@code name}, prints the outcome line; whether it resolved. */
    private static boolean lookup(String name) {
        long start = System.nanoTime();
        String outcome;
        boolean resolved;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            List<String> texts = new ArrayList<>();
            for (InetAddress address : addresses) {
                texts.add(address.getHostAddress());
            }
            outcome = "ok\t" + String.join(",", texts);
            resolved = true;
        } catch (UnknownHostException e) {
            outcome = "fail\t" + e.getClass().getName() + ": " + e.getMessage();
            resolved = false;
        } catch (RuntimeException e) { // never expected: the scenarios report any such exception
            outcome = "fail\t" + e.getClass().getName() + ": " + e.getMessage();
            resolved = false;
        }
        long micros = (System.nanoTime() - start) / 1000;
        String line = String.format(Locale.ROOT, "lookup\t%s\t%d\t%s", name, micros, outcome.replace('\n', ' '));
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
        return resolved;
    }

    /** Reads standard input to its end: the scenario closes it to end the loop. */
    private static void drainStdin() {
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // nothing to do with it
            }
        } catch (IOException e) {
            // ended all the same
        }
    }
}
