package dev.resolvechain.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The application side of {@link EtcdRunner}'s change-to-visible and memory figures, run in a child
 * JVM under the agent (its alias source etcd or a directory) or without it (the memory baseline):
 * looks {@code NAME} up about once a millisecond and prints {@code V EPOCHMICROS ANSWER} (addresses
 * sorted, comma-separated, or {@code unknown}) the first time and whenever the answer changes, the
 * time taken right after the lookup that returned it. A line {@code mem} on standard input collects
 * garbage (three {@code System.gc()}, a full collection each with G1) and prints
 * {@code MEM HEAP_USED_BYTES HEAP_COMMITTED_BYTES RSS_KB}; a line {@code stop}, or the end of stdin,
 * stops it, after {@code rounds N}. Uses JDK classes only.
 */
public final class EtcdVisibilityChild {
    private static volatile boolean stopped;

    private EtcdVisibilityChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        String name = args[0];
        long maxNanos = Long.parseLong(args[1]) * 1_000_000;
        Thread commands = new Thread(EtcdVisibilityChild::commands, "commands");
        commands.setDaemon(true);
        commands.start();
        String last = null;
        long rounds = 0;
        long start = System.nanoTime();
        while (!stopped && System.nanoTime() - start < maxNanos) {
            String answer = VisibilityChild.lookup(name);
            long at = micros(Instant.now());
            if (!answer.equals(last)) {
                last = answer;
                System.out.println("V " + at + " " + answer);
                System.out.flush();
            }
            rounds++;
            Thread.sleep(1);
        }
        System.out.println("rounds " + rounds);
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    private static void commands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                if (line.equals("mem")) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(100);
                    }
                    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    System.out.println("MEM " + heap.getUsed() + " " + heap.getCommitted() + " " + rssKb());
                    System.out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the end of stdin stops the child too
        }
        stopped = true;
    }

    /** VmRSS of /proc/self/status, in kB; -1 where there is none. */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
