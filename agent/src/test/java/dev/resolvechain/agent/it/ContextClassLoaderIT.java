package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's first lookup made on a thread whose context class loader cannot see the class path (an
 * application server's thread, say) still goes through the chain. A resolver found with
 * {@code ServiceLoader} would be missed there for the rest of the JVM's life (see {@link ProviderModeIT}).
 */
class ContextClassLoaderIT {
    @TempDir
    Path dir;

    @OnBothJdks
    void firstLookupOnAThreadWithABlindContextLoader(Jdk jdk) {
        ChainFiles files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a").jdkHosts("10.66.66.66 svc-a");

        ScriptResult result = TestJvm.on(jdk, files).withAgent().script("isolate-loader", "all:svc-a", "name:10.9.8.7").succeeded();

        assertEquals("10.9.8.7", result.answer("all:svc-a"));
        assertEquals("svc-a", result.answer("name:10.9.8.7"));
    }
}
