package dev.resolvechain.benchmarks;

import dev.resolvechain.testkit.jvm.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/** What every runner needs to know about this machine: the JDKs to test, the load. */
final class Machine {
    private Machine() {
    }

    /** The supported JDKs that are installed ($JDK17 or /usr/lib/jvm/java-17-openjdk-amd64, $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64); else this JVM's. */
    static List<Jdk> defaultJdks() {
        List<Jdk> installed = Jdk.both().filter(Jdk::installed).toList();
        return installed.isEmpty() ? List.of(Jdk.current()) : installed;
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** {@code "2 cores; load average 0.50 0.70 0.90"}. */
    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores; load average " + loadAverage();
    }
}
