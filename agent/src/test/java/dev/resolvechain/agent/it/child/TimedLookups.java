package dev.resolvechain.agent.it.child;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * A child program that times its lookups: each argument is one command, run in order. A lookup
 * prints {@code COMMAND -> RESULT} or {@code COMMAND !! EXCEPTION: MESSAGE} (as {@link Script}, so
 * that {@code Result} reads them), then {@code COMMAND took MILLIS ms}.
 *
 * <ul>
 *   <li>{@code one:NAME}: {@code InetAddress.getByName(NAME)}, its address.</li>
 *   <li>{@code until:NAME=ADDRESS}: {@code getByName} every {@value #RETRY_MILLIS} ms until it gives
 *       ADDRESS (at most {@value #UNTIL_MILLIS} ms, then it fails with the last outcome).</li>
 *   <li>{@code sleep:MILLIS}; {@code await}: prints {@code await -> waiting} and reads a line (the test acts meanwhile).</li>
 * </ul>
 */
public final class TimedLookups {
    private static final long RETRY_MILLIS = 20;
    private static final long UNTIL_MILLIS = 10_000;

    private TimedLookups() {
    }

    public static void main(String[] commands) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command : commands) {
            String argument = command.substring(command.indexOf(':') + 1);
            if (command.equals("await")) {
                System.out.println("await -> waiting");
                System.out.flush();
                stdin.readLine();
            } else if (command.startsWith("sleep:")) {
                Thread.sleep(Long.parseLong(argument));
            } else {
                long start = System.nanoTime();
                String outcome;
                try {
                    outcome = " -> " + (command.startsWith("until:") ? until(argument) : InetAddress.getByName(argument).getHostAddress());
                } catch (Exception e) {
                    outcome = " !! " + e.getClass().getName() + ": " + e.getMessage();
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println(command + outcome);
                System.out.println(command + " took " + millis + " ms");
                System.out.flush();
            }
        }
    }

    /** Looks {@code NAME} up until it gives {@code ADDRESS}: {@code ADDRESS after N lookups}. */
    private static String until(String nameIsAddress) throws Exception {
        String name = nameIsAddress.substring(0, nameIsAddress.indexOf('='));
        String wanted = nameIsAddress.substring(nameIsAddress.indexOf('=') + 1);
        long deadline = System.nanoTime() + UNTIL_MILLIS * 1_000_000;
        String last = "no lookup";
        for (int lookups = 1; ; lookups++) {
            try {
                last = InetAddress.getByName(name).getHostAddress();
                if (last.equals(wanted)) {
                    return wanted + " after " + lookups + " lookups";
                }
            } catch (UnknownHostException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still not " + wanted + " after " + UNTIL_MILLIS + " ms: " + last);
            }
            Thread.sleep(RETRY_MILLIS);
        }
    }
}
