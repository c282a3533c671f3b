package dev.resolvechain.samples;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where the samples find the JDK, their own jar and the agent, and how they start child JVMs. */
final class Launch {
    private Launch() {
    }

    /** The java of the JDK running this sample: children run on the same JDK. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The demo jar (or class directory) this sample runs from: the children's class path. */
    static Path ownJar() {
        try {
            return Path.of(Launch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code resolvechain.demo.agent}, else the agent built next to this demo: agent/target/resolvechain-agent.jar. */
    static Path agentJar() {
        String configured = System.getProperty("resolvechain.demo.agent");
        Path agent = configured != null ? Path.of(configured)
                : ownJar().getParent().getParent().getParent().resolve("agent/target/resolvechain-agent.jar");
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("no agent jar at " + agent + ": build it with 'mvn -q -DskipTests package'");
        }
        return agent.toAbsolutePath().normalize();
    }

    /**
     * A child JVM's process, hermetic: none of the developer's {@code JAVA_TOOL_OPTIONS} and the like,
     * and no {@code RESOLVECHAIN_*} variables (which would configure the agent).
     */
    static ProcessBuilder process(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("RESOLVECHAIN_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS") || name.equals("CLASSPATH"));
        return builder;
    }

    /** Deletes {@code directory} and everything in it (a sample's scratch files). */
    static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
