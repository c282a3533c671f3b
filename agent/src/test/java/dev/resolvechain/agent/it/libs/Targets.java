package dev.resolvechain.agent.it.libs;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How each library child reports: one line per target name, {@code NAME -> ADDRESS} (where the
 * name led) or {@code NAME !! EXCEPTION: MESSAGE}, as the tests' {@code ScriptResult} reads them; then
 * the JVM exits, whatever threads the library left running.
 */
final class Targets {
    /** How long one target may take; the libraries' own timeouts are longer. */
    static final long TIMEOUT_SECONDS = 10;

    private Targets() {
    }

    @FunctionalInterface
    interface Reach {
        /** Reaches {@code name} through the library and returns the address it led to. */
        String reach(String name) throws Exception;
    }

    static void reachEach(List<String> names, Reach reach) {
        for (String name : names) {
            String line;
            try {
                line = name + " -> " + reach.reach(name);
            } catch (Exception e) {
                line = name + " !! " + describe(e);
            }
            System.out.println(line);
        }
        System.out.flush();
        System.exit(0);
    }

    /** The exception a future failed with, else the one thrown; with its root cause, on one line. */
    private static String describe(Exception thrown) {
        Throwable shown = (thrown instanceof ExecutionException || thrown instanceof CompletionException) && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        Throwable root = shown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = shown.getClass().getName() + ": " + shown.getMessage();
        if (root != shown) {
            text += " (caused by " + root.getClass().getName() + ": " + root.getMessage() + ")";
        }
        return text.replace('\n', ' ');
    }
}
