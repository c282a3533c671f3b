package dev.resolvechain.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * One JVM of the fault matrix ({@link FaultMatrixRunner}): {@code InetAddress.getAllByName} of a new name per lookup,
 * one after the other, each reported as it ends. Uses JDK classes only for the lookups, so it measures whatever
 * resolver the JVM has: the agent's chain, or the JDK's built-in one (glibc's {@code getaddrinfo}).
 *
 * <pre>
 * FaultMatrixChild --name PATTERN --resolver agent|jdk [--lookups N] [--max-seconds S] [--pause MS] [--interval MS] [--until-stopped]
 * </pre>
 *
 * {@code %d} in the pattern is the lookup's number (1, 2, ...). After {@code --pause} ms it looks up, with
 * {@code --interval} ms between lookups, until {@code --lookups} are done, or no new lookup starts once
 * {@code --max-seconds} have passed since the first, or (with {@code --until-stopped}) standard input says
 * {@code stop} or ends. Prints {@code JDK version}, {@code RESOLVER agent|jdk}, one line per lookup
 * ({@link FaultMatrix.Lookup}: {@code L i startEpochMicros micros ok ADDRESSES} or {@code ... fail TEXT}) and
 * {@code END}. Exits 3 when the resolver is not the one asked for (the agent missing, or a resolver provider
 * present without it).
 */
public final class FaultMatrixChild {
    private static volatile boolean stopped;

    private FaultMatrixChild() {
    }

    public static void main(String[] args) throws Exception {
        String pattern = null;
        String resolver = null;
        int lookups = Integer.MAX_VALUE;
        long maxSeconds = 0;
        long pause = 0;
        long interval = 0;
        boolean untilStopped = false;
        CommandLine line = new CommandLine(args, "FaultMatrixChild --name PATTERN --resolver agent|jdk [--lookups N] [--max-seconds S]"
                + " [--pause MS] [--interval MS] [--until-stopped] (started by FaultMatrixRunner)");
        while (line.next()) {
            switch (line.option()) {
                case "--name" -> pattern = line.value();
                case "--resolver" -> resolver = line.value();
                case "--lookups" -> lookups = line.intValue();
                case "--max-seconds" -> maxSeconds = line.longValue();
                case "--pause" -> pause = line.longValue();
                case "--interval" -> interval = line.longValue();
                case "--until-stopped" -> untilStopped = true;
                default -> line.unknown();
            }
        }
        if (pattern == null || !("agent".equals(resolver) || "jdk".equals(resolver))) {
            throw new IllegalArgumentException("--name and --resolver agent|jdk are required");
        }
        String actual = actualResolver();
        if (!actual.equals(resolver)) {
            System.err.println("asked to measure the " + resolver + " resolver, but this JVM has " + actual);
            System.exit(3);
        }
        System.out.println("JDK " + Runtime.version());
        System.out.println("RESOLVER " + actual);
        System.out.flush();
        if (untilStopped) {
            watchForStop();
        }
        Thread.sleep(pause);
        long deadline = maxSeconds > 0 ? System.nanoTime() + maxSeconds * 1_000_000_000L : 0;
        for (int i = 1; i <= lookups && !stopped && (deadline == 0 || System.nanoTime() - deadline < 0); i++) {
            String name = pattern.replace("%d", Integer.toString(i));
            long startEpoch = FaultMatrix.epochMicros();
            long start = System.nanoTime();
            String outcome;
            try {
                InetAddress[] addresses = InetAddress.getAllByName(name);
                long took = System.nanoTime() - start;
                List<String> text = new ArrayList<>(addresses.length);
                for (InetAddress address : addresses) {
                    text.add(address.getHostAddress());
                }
                outcome = took / 1000 + " ok " + String.join(",", text);
            } catch (UnknownHostException e) {
                long took = System.nanoTime() - start;
                outcome = took / 1000 + " fail " + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " | ");
            }
            System.out.println("L " + i + " " + startEpoch + " " + outcome);
            if (interval > 0) {
                Thread.sleep(interval);
            }
        }
        System.out.println("END");
    }

    /** {@code agent} when the agent installed its chain; {@code jdk} when the JDK's built-in resolver is in force; else what is. */
    private static String actualResolver() {
        if (AliasHitBenchmark.agentInstalled()) {
            return "agent";
        }
        if (Runtime.version().feature() >= 18) {
            try {
                Class<?> provider = Class.forName("java.net.spi.InetAddressResolverProvider");
                Object found = ServiceLoader.load(provider).findFirst().orElse(null);
                if (found != null) {
                    return "a resolver provider, " + found.getClass().getName();
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return "jdk";
    }

    /** A daemon that sets {@link #stopped} when standard input says {@code stop} or ends. */
    private static void watchForStop() {
        Thread watcher = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.strip().equals("stop")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the runner has gone: stop as well
            }
            stopped = true;
        }, "stop-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
