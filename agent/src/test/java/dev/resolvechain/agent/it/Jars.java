package dev.resolvechain.agent.it;

import java.nio.file.Path;

/** Library jars (or class directories) for children's class paths, where this build's own class path has them. */
final class Jars {
    /** resolvechain-core: the JDK 18+ resolver provider, without the agent. */
    static final Path CORE = TestJvm.codeSource(dev.resolvechain.ResolveChain.class);
    static final Path DNSJAVA = TestJvm.codeSource(org.xbill.DNS.Name.class);
    static final Path SLF4J_API = TestJvm.codeSource(org.slf4j.LoggerFactory.class);
    /** An slf4j binding, as an application would bring its own. */
    static final Path SLF4J_NOP = TestJvm.codeSource(org.slf4j.nop.NOPServiceProvider.class);

    private Jars() {
    }
}
