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

/** The agent jar keeps its libraries to itself: an application's own dnsjava and slf4j are the ones it uses. */
class ShadingIT {
    private static final String AGENT_PACKAGE = "dev/resolvechain/agent/";

    @TempDir
    Path dir;

    @Test
    void everyClassAndServiceOfTheJarIsUnderTheAgentPackage() throws IOException {
        List<String> strays = new ArrayList<>();
        try (JarFile jar = new JarFile(TestJvm.AGENT_JAR.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                boolean stray = name.endsWith(".class") ? !name.startsWith(AGENT_PACKAGE)
                        : name.startsWith("META-INF/services/") && !entry.isDirectory()
                                && !name.startsWith("META-INF/services/" + AGENT_PACKAGE.replace('/', '.'));
                if (stray) {
                    strays.add(name);
                }
            }
        }
        assertEquals(List.of(), strays, "classes and service files that the application's class loader would see");
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
        assertEquals(TestJvm.AGENT_JAR.toString(), result.answer("origin:dev.resolvechain.agent.shaded.dnsjava.Name"));
        assertEquals("10.9.8.7", result.answer("all:svc-a"));
        LookupIT.assertUnknown(result.failure("all:nope.invalid"), "nope.invalid");
        List<String> stderr = result.stderrLines();
        assertEquals(1, stderr.size(), () -> "only the agent's line, no slf4j complaint\n" + result.describe());
        assertTrue(stderr.get(0).startsWith("resolvechain INFO: installed"), result::describe);
    }
}
