package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent jar keeps its libraries to itself: an application's own dnsjava and slf4j are the ones it
 * uses, and its class loader sees of the agent only the boot package.
 */
class ShadingIT {
    private static final String BOOT_PACKAGE = "dev/resolvechain/agent/boot/";
    /** Where the agent's own class loader reads the rest. */
    private static final String AGENT_FOLDER = "resolvechain/";

    @TempDir
    Path dir;

    @Test
    void theApplicationsClassLoaderFindsOnlyTheBootPackageInTheJar() throws IOException {
        List<String> strays = new ArrayList<>();
        List<String> agentClasses = new ArrayList<>();
        try (JarFile jar = new JarFile(TestJvm.AGENT_JAR.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith(AGENT_FOLDER)) {
                    if (name.endsWith(".classdata")) {
                        agentClasses.add(name);
                    }
                } else if (!entry.isDirectory() && !name.startsWith(BOOT_PACKAGE) && !name.equals("META-INF/MANIFEST.MF")
                        && !name.startsWith("META-INF/LICENSE") && !name.startsWith("META-INF/NOTICE") && !name.startsWith("META-INF/licenses/")) {
                    strays.add(name);
                }
            }
            assertEquals(List.of(), strays, "classes and resources that the application's class loader would see");
            assertTrue(agentClasses.contains(AGENT_FOLDER + "dev/resolvechain/agent/shaded/dnsjava/Name.classdata"), "dnsjava, relocated");
            assertTrue(jar.getEntry(AGENT_FOLDER + "META-INF/services/dev.resolvechain.agent.shaded.slf4j.spi.SLF4JServiceProvider") != null,
                    "the agent's slf4j binding, for its relocated slf4j");
        }
    }

    /**
     * On JDK 18+ the application's dnsjava also offers the JDK a resolver provider, which the JDK would
     * take at the first lookup (checked first): the agent's resolver is in force all the same.
     */
    @OnBothJdks
    void applicationKeepsItsOwnLibraries(Jdk jdk) {
        ChainFiles files = new ChainFiles(dir).alias("web.hosts", "10.9.8.7 svc-a");
        List<String> commands = new ArrayList<>(List.of("origin:org.xbill.DNS.Name", "origin:org.slf4j.LoggerFactory",
                "providers:org.slf4j.spi.SLF4JServiceProvider", "slf4j", "origin:dev.resolvechain.agent.shaded.dnsjava.Name",
                "origin:dev.resolvechain.agent.boot.ResolveChainAgent",
                "all:svc-a", "all:nope.invalid"));
        if (jdk.feature() >= 18) {
            commands.add(0, "expect-provider:" + ProviderModeIT.RESOLVER_SPI + "=org.xbill.DNS.spi.DnsjavaInetAddressResolverProvider");
        }

        ScriptResult result = TestJvm.on(jdk, files).withResolverProviders().withApplicationDnsjava()
                .classPath(Jars.SLF4J_API, Jars.SLF4J_NOP).withAgent("strict=true")
                .script(commands.toArray(String[]::new)).succeeded();

        assertEquals(Jars.DNSJAVA.toString(), result.answer("origin:org.xbill.DNS.Name"));
        assertEquals(Jars.SLF4J_API.toString(), result.answer("origin:org.slf4j.LoggerFactory"));
        assertEquals("org.slf4j.nop.NOPServiceProvider", result.answer("providers:org.slf4j.spi.SLF4JServiceProvider"),
                "the application's slf4j sees its own binding only, not the agent's");
        result.answer("slf4j"); // initialised: it would complain on stderr about a second binding or none
        assertTrue(result.failure("origin:dev.resolvechain.agent.shaded.dnsjava.Name").startsWith("java.lang.ClassNotFoundException"),
                "the agent's classes are its own loader's, not the application's");
        assertEquals(TestJvm.AGENT_JAR.toString(), result.answer("origin:dev.resolvechain.agent.boot.ResolveChainAgent"));
        assertEquals("10.9.8.7", result.answer("all:svc-a"));
        LookupIT.assertUnknown(result.failure("all:nope.invalid"), "nope.invalid");
        List<String> stderr = result.stderrLines();
        assertEquals(1, stderr.size(), () -> "only the agent's line, no slf4j complaint\n" + result.describe());
        assertTrue(stderr.get(0).startsWith("resolvechain INFO: installed"), result::describe);
    }
}
