package dev.resolvechain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.Etcd;
import dev.resolvechain.testkit.jvm.Jdk;
import dev.resolvechain.testkit.jvm.JvmLaunch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EtcdRunner --quick, as benchmarks/perf-table.sh runs it (from benchmarks.jar, real etcd, child JVMs under the agent),
 * on the JDK running this test: that it runs to its end and gives every row. Its figures are not judged.
 */
class EtcdRunnerIT {

    @Test
    void aQuickRunEndsWellAndGivesEveryRow(@TempDir Path dir) throws Exception {
        Etcd.requireInstalled();
        Path jar = Path.of("target", "benchmarks.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": the IT runs after package");
        Jdk jdk = Jdk.current();
        Path rows = dir.resolve("etcd.rows");
        Path output = dir.resolve("etcd.out");
        ProcessBuilder builder = new ProcessBuilder(jdk.java().toString(), "-cp", jar.toString(), EtcdRunner.class.getName(), "--quick",
                "--jdk", jdk.home().toString(), "--rows", rows.toString(), "--raw", dir.resolve("etcd.raw").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        JvmLaunch.removeInheritedConfiguration(builder.environment());
        Process process = builder.start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertTrue(ended, "the quick run did not end within 3 minutes:\n" + printed);
        assertEquals(0, process.exitValue(), printed);

        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(rows)) {
            PerfRow row = PerfRow.parse(line);
            assertEquals(jdk.runtimeVersion(), row.jdk(), line);
            keys.add(row.key());
        }
        assertEquals(EtcdRunner.ROW_KEYS, keys, printed);
        for (String part : List.of("change to visible", "load on etcd in steady state", "memory per JVM", "start-up")) {
            assertTrue(printed.contains(part), "no '" + part + "' in:\n" + printed);
        }
        assertTrue(Files.readString(dir.resolve("etcd.raw")).contains("seen\t"), "the raw samples");
    }
}
