package dev.resolvechain.agent.it.child;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Script}'s {@code watch:KIND=TARGET[,KIND=TARGET...][,max=MILLIS]}: looks every target up
 * about once a millisecond, as an application in a busy loop would, and prints a line
 * {@code seen KIND=TARGET ANSWER @EPOCHMILLIS} the first time and whenever a target's answer
 * changes, the time taken right after the lookup that returned it. It stops when a line (or the end)
 * arrives on stdin, or after {@code max} milliseconds (default 60000), and then prints its
 * summary line, {@code watch:... -> N rounds in M ms}.
 *
 * <p>Kinds: {@code all} ({@code InetAddress.getAllByName}, the addresses sorted, so that a shuffled
 * order is not a change), {@code one} ({@code InetAddress.getByName}), {@code rev}
 * ({@code InetAddress.getByAddress(bytes).getHostName()}, a new instance each time, so nothing is
 * remembered between lookups). A lookup that throws {@code UnknownHostException} answers {@code unknown}.
 */
final class Watch {
    static final String SEEN = "seen ";

    private Watch() {
    }

    static String run(String spec, BufferedReader stdin) throws InterruptedException {
        long maxMillis = 60_000;
        List<String> kinds = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (String item : spec.split(",")) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("watch: '" + item + "' is not KIND=TARGET");
            }
            if (item.startsWith("max=")) {
                maxMillis = Long.parseLong(item.substring(eq + 1));
            } else {
                kinds.add(item.substring(0, eq));
                targets.add(item.substring(eq + 1));
            }
        }
        Thread stopper = new Thread(() -> {
            try {
                stdin.readLine();
            } catch (IOException e) {
                // the end of stdin stops the watch too
            }
        }, "watch-stop");
        stopper.setDaemon(true);
        stopper.start();
        String[] last = new String[targets.size()];
        long start = System.nanoTime();
        long rounds = 0;
        while (stopper.isAlive() && System.nanoTime() - start < maxMillis * 1_000_000) {
            for (int i = 0; i < last.length; i++) {
                String answer = lookup(kinds.get(i), targets.get(i));
                long at = System.currentTimeMillis();
                if (!answer.equals(last[i])) {
                    last[i] = answer;
                    System.out.println(SEEN + kinds.get(i) + "=" + targets.get(i) + " " + answer + " @" + at);
                    System.out.flush();
                }
            }
            rounds++;
            Thread.sleep(1);
        }
        return rounds + " rounds in " + (System.nanoTime() - start) / 1_000_000 + " ms";
    }

    private static String lookup(String kind, String target) {
        try {
            switch (kind) {
                case "all":
                    String[] addresses = Arrays.stream(InetAddress.getAllByName(target)).map(InetAddress::getHostAddress)
                            .sorted().toArray(String[]::new);
                    return String.join(",", addresses);
                case "one":
                    return InetAddress.getByName(target).getHostAddress();
                case "rev":
                    return InetAddress.getByAddress(InetAddress.getByName(target).getAddress()).getHostName();
                default:
                    throw new IllegalArgumentException("watch: unknown kind " + kind);
            }
        } catch (UnknownHostException e) {
            return "unknown";
        } catch (RuntimeException e) {
            return "!" + e; // never expected: shows up as an answer the test does not expect
        }
    }
}
