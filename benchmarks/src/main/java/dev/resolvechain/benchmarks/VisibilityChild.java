package dev.resolvechain.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The application side of {@link ChangeToVisibleRunner}, run in a child JVM under the agent: looks
 * {@code NAME} up about once a millisecond and prints {@code EPOCHMILLIS ANSWER} (addresses sorted,
 * comma-separated, or {@code unknown}) the first time and whenever the answer changes, the time
 * taken right after the lookup that returned it. Stops at a line or the end of stdin, or after
 * {@code MAXMILLIS}, and then prints {@code rounds N}. Uses JDK classes only.
 */
public final class VisibilityChild {
    private VisibilityChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        String name = args[0];
        long maxNanos = Long.parseLong(args[1]) * 1_000_000;
        Thread stopper = new Thread(() -> {
            try {
                System.in.read();
            } catch (IOException e) {
                // the end of stdin stops the child too
            }
        }, "stop");
        stopper.setDaemon(true);
        stopper.start();
        String last = null;
        long rounds = 0;
        long start = System.nanoTime();
        while (stopper.isAlive() && System.nanoTime() - start < maxNanos) {
            String answer = lookup(name);
            long at = System.currentTimeMillis();
            if (!answer.equals(last)) {
                last = answer;
                System.out.println(at + " " + answer);
                System.out.flush();
            }
            rounds++;
            Thread.sleep(1);
        }
        System.out.println("rounds " + rounds);
    }

    /** {@code name}'s addresses through {@code InetAddress}, sorted and comma-separated, or {@code unknown}. */
    static String lookup(String name) {
        try {
            String[] addresses = Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).sorted()
                    .toArray(String[]::new);
            return String.join(",", addresses);
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
