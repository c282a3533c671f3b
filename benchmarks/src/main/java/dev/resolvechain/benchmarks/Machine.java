package dev.resolvechain.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What every runner needs to know about this machine: the JDKs to test, the agent jar, the load. */
final class Machine {
    private Machine() {
    }

    /** $JDK17 or /usr/lib/jvm/java-17-openjdk-amd64 and $JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64, those that exist; else this JVM. */
    static List<Path> defaultJdks() {
        List<Path> jdks = new ArrayList<>();
        String[][] candidates = {{"JDK17", "/usr/lib/jvm/java-17-openjdk-amd64"}, {"JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"}};
        for (String[] candidate : candidates) {
            String home = System.getenv(candidate[0]);
            Path java = Paths.get(home != null && !home.isEmpty() ? home : candidate[1], "bin", "java");
            if (Files.isExecutable(java)) {
                jdks.add(java);
            }
        }
        if (jdks.isEmpty()) {
            jdks.add(Paths.get(System.getProperty("java.home"), "bin", "java"));
        }
        return jdks;
    }

    /** A JDK home or a java executable, as the java executable; IllegalArgumentException when there is none. */
    static Path javaExecutable(Path jdkOrJava) {
        Path java = Files.isDirectory(jdkOrJava) ? jdkOrJava.resolve("bin").resolve("java") : jdkOrJava;
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("no java executable at " + java);
        }
        return java.toAbsolutePath();
    }

    /** agent/target/resolvechain-agent.jar of the checkout this runner was built in, else of the working directory. */
    static Path defaultAgent() {
        Path relative = Paths.get("agent", "target", "resolvechain-agent.jar");
        try {
            Path here = ownJar();
            for (Path dir = here.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(relative))) {
                    return dir.resolve(relative);
                }
            }
        } catch (Exception e) {
            // fall through to the working directory
        }
        return relative.toAbsolutePath();
    }

    /** The jar (or class directory) the benchmarks run from, for the class path of child JVMs. */
    static Path ownJar() {
        try {
            return Paths.get(Machine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code java.runtime.version} of {@code java}, e.g. 17.0.15+6-Debian-1deb12u1. */
    static String javaVersion(Path java) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        process.waitFor();
        for (String line : output.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("java.runtime.version = ")) {
                return trimmed.substring("java.runtime.version = ".length());
            }
        }
        return java.toString();
    }

    /** 17 of "17.0.15+6-Debian-1deb12u1", 25 of "25.0.3+9-LTS"; 0 when unknown. */
    static int feature(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
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

    /** The value of the option at {@code args[i - 1]}, for the runners' command lines. */
    static String optionValue(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
