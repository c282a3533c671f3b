package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook goes into the JDK as {@code InetAddress} initialises: a JVM that never resolves a name
 * does not pay for it, and the first lookups, however many race for it, all go through the chain.
 */
class JdkHookIT {
    @TempDir
    Path dir;

    @OnBothJdks
    void aJvmThatResolvesNothingNeverLoadsInetAddress(Jdk jdk) throws IOException {
        ChainFiles files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a");
        Path classLog = dir.resolve("classes.log");

        ScriptResult result = TestJvm.on(jdk, files).withAgent().option("-Xlog:class+load=info:file=" + classLog)
                .script("threads").succeeded();

        assertEquals("none", result.answer("threads"));
        assertEquals("", result.stderr(), "no chain was built, so nothing is said: " + result.describe());
        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains("dev.resolvechain.agent.boot.ResolveChainAgent"), "the agent started");
        assertTrue(!loaded.contains("java.net.InetAddress "), "InetAddress was loaded:\n" + result.describe());
    }

    /** The JDK's own hosts file says otherwise: a lookup that went round the hook would show it. */
    @OnBothJdks
    void firstLookupsRacingAsInetAddressInitialisesAllGoThroughTheChain(Jdk jdk) {
        ChainFiles files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a").jdkHosts("10.0.0.66 svc-a");

        ScriptResult result = TestJvm.on(jdk, files).withAgent("log.level=warn").script("racing:svc-a", "all:svc-a").succeeded();

        assertEquals("10.9.8.7", result.answer("racing:svc-a"), result::describe);
        assertEquals("10.9.8.7", result.answer("all:svc-a"));
    }
}
