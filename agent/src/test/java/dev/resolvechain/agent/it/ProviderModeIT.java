package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDK 18+ without the agent: the core jar on the class path is the JDK's
 * {@code InetAddressResolverProvider}, configured by {@code -Dresolvechain.*}.
 */
class ProviderModeIT {
    static final String RESOLVER_SPI = "java.net.spi.InetAddressResolverProvider";

    @TempDir
    Path dir;

    @OnBothJdks
    void theCoreJarResolvesAliases(Jdk jdk) {
        assumeTrue(jdk.feature() >= 18, "the resolver SPI exists from JDK 18");
        ChainFiles files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a").hosts("10.1.1.1 from-hosts");

        // core before dnsjava: dnsjava's jar holds a resolver provider too, and the first one found wins
        ScriptResult result = TestJvm.on(jdk, files).withResolverProviders()
                .classPath(Jars.CORE).withApplicationDnsjava().classPath(Jars.SLF4J_API)
                .withSettingsAsProperties("strict=true")
                .script("expect-provider:" + RESOLVER_SPI + "=dev.resolvechain.jdk.ResolveChainProvider",
                        "all:svc-a", "all:from-hosts", "all:nope.invalid", "twice:svc-a", "name:10.9.8.7", "nested")
                .succeeded();

        assertEquals("10.9.8.7", result.answer("all:svc-a"));
        assertEquals("10.1.1.1", result.answer("all:from-hosts"));
        LookupIT.assertUnknown(result.failure("all:nope.invalid"), "nope.invalid");
        assertEquals("distinct", result.answer("twice:svc-a"), "the provider turns the JDK's cache off too");
        assertEquals("svc-a", result.answer("name:10.9.8.7"));
        assertEquals("no agent", result.answer("nested"));
    }

    /**
     * An error while the provider builds the chain (here the heap runs out on a huge alias source)
     * is reported in one line; with {@code strict=true} the JVM stops before any lookup could reach
     * the JDK's built-in resolver, which would read this machine's files.
     */
    @OnBothJdks
    void anErrorWhileBuildingTheChainIsReportedAndStrictStopsTheJvm(Jdk jdk) {
        assumeTrue(jdk.feature() >= 18, "the resolver SPI exists from JDK 18");
        ChainFiles files = new ChainFiles(dir);
        HostileFilesIT.legalAliases(files.aliases.resolve("big.hosts"), 560_000);

        ScriptResult result = TestJvm.on(jdk, files).withResolverProviders().option("-Xmx128m")
                .classPath(Jars.CORE).withApplicationDnsjava().classPath(Jars.SLF4J_API)
                .withSettingsAsProperties("strict=true", "aliases.maxFileSize=32m")
                .script("expect-provider:" + RESOLVER_SPI + "=dev.resolvechain.jdk.ResolveChainProvider", "all:generated-7.svc");

        assertEquals(1, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("resolvechain ERROR: cannot build the chain: java.lang.OutOfMemoryError")
                && result.stderr().contains("(strict=true: stopping the JVM)"), result::describe);
        assertTrue(result.outcomes("all:generated-7.svc").isEmpty(), "no lookup ended: " + result.describe());
    }
}
