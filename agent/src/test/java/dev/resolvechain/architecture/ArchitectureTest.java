package dev.resolvechain.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of core and agent, bottom up: the kernel (the chain, the tier interface, query and
 * verdict); shared machinery ({@code files}, {@code wire}, {@code observe}: what lookups did); the tiers, each on its own; the
 * configuration and the assembly that turns it into tiers; the JDK adapters and the command line;
 * the agent, which only installs core into the JDK. Each layer points only down, and no package
 * depends on another that depends back on it.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.resolvechain";
    private static final String[] TIERS = {"alias", "local", "hosts", "dns"};
    /** A main source file longer than this is doing several jobs. */
    private static final int MAX_SOURCE_LINES = 300;

    /** Core's and the agent's classes; testkit is on the test class path too, but is test machinery, not the product. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("testkit"))
            .importPackages(ROOT);

    @Test
    void theRulesSeeBothModules() {
        for (String name : List.of(ROOT + ".ResolveChain", ROOT + ".alias.AliasTier", ROOT + ".agent.boot.ResolveChainAgent")) {
            assertTrue(CLASSES.contain(name), name + " is not among the classes checked");
        }
    }

    @Test
    void layersOnlyPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("kernel").definedBy(ROOT)
                .layer("files").definedBy(ROOT + ".files..")
                .layer("wire").definedBy(ROOT + ".wire..")
                .layer("observe").definedBy(ROOT + ".observe..")
                .layer("tiers").definedBy(tierPackages())
                .layer("config").definedBy(ROOT + ".config..")
                .layer("assembly").definedBy(ROOT + ".assembly..")
                .layer("jdk").definedBy(ROOT + ".jdk..")
                .layer("cli").definedBy(ROOT + ".cli..")
                .layer("agent").definedBy(ROOT + ".agent..")
                .whereLayer("kernel").mayNotAccessAnyLayer()
                .whereLayer("files").mayOnlyAccessLayers("kernel", "observe")
                .whereLayer("wire").mayOnlyAccessLayers("kernel")
                .whereLayer("observe").mayOnlyAccessLayers("kernel")
                .whereLayer("tiers").mayOnlyAccessLayers("kernel", "files", "wire", "observe")
                .whereLayer("config").mayOnlyAccessLayers("kernel", "files", "wire", "observe", "tiers")
                .whereLayer("assembly").mayOnlyAccessLayers("kernel", "files", "wire", "observe", "tiers", "config")
                .whereLayer("jdk").mayOnlyAccessLayers("kernel", "observe", "config", "assembly")
                .whereLayer("cli").mayOnlyAccessLayers("kernel", "files", "wire", "observe", "tiers", "config", "assembly")
                .whereLayer("agent").mayOnlyAccessLayers("kernel", "observe", "config", "assembly", "jdk", "cli")
                .check(CLASSES);
    }

    @Test
    void noPackageCircles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachTierStandsAlone() {
        for (String tier : TIERS) {
            String[] others = Stream.of(TIERS).filter(other -> !other.equals(tier)).map(other -> ROOT + "." + other + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(ROOT + "." + tier + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a tier plugs into the chain alone: what tiers share lives in files, wire or the kernel")
                    .check(CLASSES);
        }
    }

    @Test
    void coreKnowsNothingOfTheAgentOrByteBuddy() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".agent..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".agent..", "net.bytebuddy..")
                .check(CLASSES);
    }

    /**
     * The boot package is what the application's class loader loads of the agent jar; everything else
     * is the agent's own loader's, which the boot package cannot see.
     */
    @Test
    void theBootPackageNeedsOnlyTheJdk() {
        noClasses().that().resideInAPackage(ROOT + ".agent.boot..")
                .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".agent.boot..", "java..")
                .check(CLASSES);
    }

    @Test
    void everyMainSourceFileDoesOneJob() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path sources : List.of(Path.of("src/main/java"), Path.of("../core/src/main/java"))) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    long lines = Files.readAllLines(file).size();
                    if (lines > MAX_SOURCE_LINES) {
                        tooLong.add(file + ": " + lines + " lines");
                    }
                }
            }
        }
        assertEquals(List.of(), tooLong, "main source files over " + MAX_SOURCE_LINES + " lines");
    }

    private static String[] tierPackages() {
        return Stream.of(TIERS).map(tier -> ROOT + "." + tier + "..").toArray(String[]::new);
    }
}
