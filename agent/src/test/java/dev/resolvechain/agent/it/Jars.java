package dev.resolvechain.agent.it;

import static dev.resolvechain.testkit.jvm.JvmLaunch.codeSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Library jars (or class directories) for children's class paths: where this build's own class path
 * has them, and the sets of jars that agent/pom.xml copies to target/libs.
 */
final class Jars {
    /** resolvechain-core: the JDK 18+ resolver provider, without the agent. */
    static final Path CORE = codeSource(dev.resolvechain.ResolveChain.class);
    static final Path DNSJAVA = codeSource(org.xbill.DNS.Name.class);
    static final Path SLF4J_API = codeSource(org.slf4j.LoggerFactory.class);
    /** An slf4j binding, as an application would bring its own. */
    static final Path SLF4J_NOP = codeSource(org.slf4j.nop.NOPServiceProvider.class);

    private Jars() {
    }

    /** The jars of a library set, {@code target/libs/SET}, which agent/pom.xml copies there before the integration tests. */
    static Path[] librarySet(String set) {
        Path directory = codeSource(Jars.class).resolveSibling("libs").resolve(set);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(directory + " is missing: Maven copies it in the phase pre-integration-test (agent/pom.xml)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
