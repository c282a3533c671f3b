package dev.resolvechain.agent.it;

import static dev.resolvechain.testkit.jvm.JvmLaunch.codeSource;

import java.nio.file.Path;

/** Library jars (or class directories) for children's class paths, where this build's own class path has them. */
final class Jars {
    /** resolvechain-core: the JDK 18+ resolver provider, without the agent. */
    static final Path CORE = codeSource(dev.resolvechain.ResolveChain.class);
    static final Path DNSJAVA = codeSource(org.xbill.DNS.Name.class);
    static final Path SLF4J_API = codeSource(org.slf4j.LoggerFactory.class);
    /** An slf4j binding, as an application would bring its own. */
    static final Path SLF4J_NOP = codeSource(org.slf4j.nop.NOPServiceProvider.class);

    private Jars() {
    }
}
