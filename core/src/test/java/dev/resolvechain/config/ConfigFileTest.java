package dev.resolvechain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file: read only when it is a regular file within its cap, each key with its line, strict honoured from it. */
class ConfigFileTest {
    /** Only a guard against a hang: a refused file is refused in milliseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("resolvechain.properties"), text);
    }

    private static ConfigException failure(String agentArguments, Map<String, String> environment) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(agentArguments, Map.of(), environment));
    }

    @Test
    void aBadValueNamesTheFileAndTheLineOfItsKey() throws IOException {
        Path file = file("# resolvechain\n\n  lookupTimeout = 2s\r\nlocal.domains : vip,\\\n    corp\r"
                + "! comment\\\nhostsFile.maxSize=4m\\\n\nlocal.timeout   999999999999h\n");
        ConfigException e = failure("config=" + file, Map.of());
        assertEquals(List.of("bad value for key 'local.timeout' (config file " + file + ":9): '999999999999h' is out of range;"
                + " expected a duration from 1ms to 10m"), e.problems());
    }

    @Test
    void valuesFromTheFileNameTheirLines() throws Exception {
        Path file = file("lookupTimeout=2s\nlocal.domains=vip,\\\n corp\nlog.level=debug\nlog.level=warn\n");
        Config config = ConfigLoader.load("", Map.of("resolvechain.config", file.toString()), Map.of());
        assertEquals("config file " + file + ":1", config.source(Settings.LOOKUP_TIMEOUT));
        assertEquals(List.of("vip", "corp"), config.get(Settings.LOCAL_DOMAINS));
        assertEquals("config file " + file + ":2", config.source(Settings.LOCAL_DOMAINS));
        assertEquals(LogLevel.WARN, config.get(Settings.LOG_LEVEL), "the last of a repeated key wins, as in Properties");
        assertEquals("config file " + file + ":5", config.source(Settings.LOG_LEVEL));
    }

    @Test
    void unknownKeysAndConfigItselfNameTheirLines() throws IOException {
        Path file = file("\nhostfile=/x\nconfig=/other\nlookupTimeout=\\u12\n");
        String all = failure("config=" + file, Map.of()).getMessage();
        assertTrue(all.contains("unknown key 'hostfile' in config file " + file + ":2 (known keys: "), all);
        assertTrue(all.contains("config file " + file + ":3 sets 'config' itself"), all);
        assertTrue(all.contains("config file " + file + ":4: malformed \\uXXXX escape; the line is ignored"), all);
    }

    @Test
    void strictInTheFileIsHonouredWhateverValueIsBad() throws IOException {
        Path file = file("strict=TRUE\nlookupTimeout=soon\n");
        assertTrue(failure("config=" + file, Map.of()).strictRequested());
        assertTrue(failure("", Map.of("RESOLVECHAIN_CONFIG", file.toString())).strictRequested());
        assertTrue(failure("config=" + file + ";local.domains=,", Map.of()).strictRequested(), "a bad value in another source");
        assertFalse(failure("config=" + file, Map.of("RESOLVECHAIN_STRICT", "false")).strictRequested(), "a higher source decides");
        assertFalse(failure("config=" + file + ";strict=bogus", Map.of()).strictRequested(), "only true is strict");

        Path lenient = file("strict=false\nlookupTimeout=soon\n");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load("config=" + lenient,
                Map.of("resolvechain.strict", "true"), Map.of())).strictRequested());
    }

    @Test
    void aFifoIsRefusedUnreadWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("config.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        ConfigException e = assertTimeoutPreemptively(HANG_GUARD, () -> failure("config=" + fifo, Map.of()));
        assertEquals(List.of("config file " + fifo + " is a FIFO, a socket or a device, not a regular configuration file: not read"
                + " (key 'config', agent argument)"), e.problems());
    }

    @Test
    void aDeviceIsRefusedUnread() {
        ConfigException e = assertTimeoutPreemptively(HANG_GUARD, () -> failure("", Map.of("RESOLVECHAIN_CONFIG", "/dev/zero")));
        assertEquals(List.of("config file /dev/zero is a FIFO, a socket or a device, not a regular configuration file: not read"
                + " (key 'config', environment variable RESOLVECHAIN_CONFIG)"), e.problems());
    }

    @Test
    void aDirectoryOrAFileOverTheCapIsRefusedUnread() throws IOException {
        assertTrue(failure("config=" + dir, Map.of()).getMessage().contains(dir + " is a directory, not a regular configuration file"));
        Path large = file("# " + "x".repeat(64 << 10) + "\n");
        String message = failure("config=" + large, Map.of()).getMessage();
        assertTrue(message.contains(large + " is 65539 bytes, more than the 64 KiB a configuration file may have: not read"), message);
    }

    @Test
    void readsAsPropertiesDoes() throws IOException {
        String[] texts = {
            "a=1\nb:2\nc 3\nd\t=\t4\ne\f:5\n",
            "key\\ with\\ blanks = v\\=x\\:y\\\\\n",
            "k=first\\\n   second\\\r\n\tthird\n",
            "# a comment \\\nk=v\n! another\r\nj=w",
            "\\\n#not a comment after a lone continuation\n",
            "\\\n\nk=v",
            "k=v\\",
            "\\",
            "k=\\u0041\\t\\n\\q",
            "k==v\n:v2\n=\n",
            "  \t\f\n\r\r\n",
        };
        for (String text : texts) {
            Properties expected = new Properties();
            expected.load(new StringReader(text));
            List<String> problems = new ArrayList<>();
            PropertiesFile parsed = PropertiesFile.parse(text, "test", problems);
            assertEquals(List.of(), problems, text);
            assertEquals(asMap(expected), parsed.values, text);
        }
    }

    static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }
}
