package dev.resolvechain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every value within its key's range, and a problem naming key, source, value and range when it is not. */
class ConfigRangesTest {

    /** The one problem {@code key=value} gives from the agent argument. */
    private static String problem(String key, String value) {
        return problems(key + "=" + value).get(0);
    }

    private static List<String> problems(String agentArguments) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(agentArguments, Map.of(), Map.of()),
                agentArguments);
        return e.problems();
    }

    private static Config load(String agentArguments) throws ConfigException {
        return ConfigLoader.load(agentArguments, Map.of(), Map.of());
    }

    @Test
    void aHugeDurationIsOutOfRangeNotAnOverflow() {
        assertEquals("bad value for key 'lookupTimeout' (agent argument): '999999999999h' is out of range;"
                + " expected a duration from 1ms to 10m", problem("lookupTimeout", "999999999999h"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("",
                Map.of("resolvechain.local.timeout", "9223372036854775807ms"), Map.of()));
        assertEquals(List.of("bad value for key 'local.timeout' (system property resolvechain.local.timeout):"
                + " '9223372036854775807ms' is out of range; expected a duration from 1ms to 10m"), e.problems());
        for (String huge : new String[] {"9223372036854775808ms", "99999999999999999999999999h", "9223372036854775807s"}) {
            assertThrows(ConfigException.class, () -> load("dns.staleTtl=" + huge), huge);
        }
    }

    @Test
    void everyDurationKeyTakesItsBoundsAndNothingPast() throws ConfigException {
        for (Setting<?> setting : Settings.ALL) {
            if (setting.type() != ValueType.DURATION) {
                continue;
            }
            String max = Durations.text(Duration.ofMillis(setting.max()));
            String min = Durations.text(Duration.ofMillis(setting.min()));
            String more = (setting.max() + 1) + "ms";
            assertEquals(Duration.ofMillis(setting.max()), setting.parse(max), setting.key());
            assertEquals(Duration.ofMillis(setting.min()), setting.parse(min), setting.key());
            assertTrue(problem(setting.key(), more).contains("'" + more + "' is out of range; expected " + setting.accepted()), more);
            if (setting.min() > 0) {
                assertTrue(problem(setting.key(), "0").contains("'0' is out of range"), setting.key());
            }
        }
        assertEquals(Duration.ofMinutes(10), load("lookupTimeout=600s").get(Settings.LOOKUP_TIMEOUT));
        assertTrue(problem("lookupTimeout", "3000s").contains("expected a duration from 1ms to 10m"));
    }

    @Test
    void sizesAndCountsHaveRanges() throws ConfigException {
        assertEquals(1L << 30, load("aliases.maxFileSize=1024m").get(Settings.ALIASES_MAX_FILE_SIZE));
        assertEquals(1L, load("hostsFile.maxSize=1").get(Settings.HOSTS_FILE_MAX_SIZE));
        assertEquals("bad value for key 'aliases.maxFileSize' (agent argument): '1025m' is out of range;"
                + " expected a size in bytes from 1 to 1024m", problem("aliases.maxFileSize", "1025m"));
        assertTrue(problem("hostsFile.maxSize", "0").contains("out of range"));
        assertTrue(problem("hostsFile.maxSize", "99999999999999999999999k").contains("out of range"));
        assertTrue(problem("hostsFile.maxSize", "4g").contains("is not a size (write 65536, 64k or 4m)"));
        assertEquals(100, load("dns.maxFails=100").get(Settings.DNS_MAX_FAILS));
        assertEquals("bad value for key 'dns.maxFails' (agent argument): '101' is out of range; expected a whole number from 1 to 100",
                problem("dns.maxFails", "101"));
        assertTrue(problem("dns.maxFails", "99999999999999999999").contains("out of range"));
        assertTrue(problem("dns.maxFails", "-1").contains("is not a whole number"));
        assertTrue(problem("dns.maxFails", "+3").contains("is not a whole number"));
    }

    @Test
    void aListThatMustNameSomethingRefusesNothing() throws ConfigException {
        for (String none : new String[] {",", " , ", ",,", ""}) {
            assertTrue(problem("local.domains", none).contains("has no item; expected 1 to 64 domains, comma-separated, or * for every name"),
                    none);
        }
        assertTrue(problem("aliases.scopes", ",").contains("has no item"), "commas alone are a slip even where none is accepted");
        assertTrue(problem("nameservers", ",").contains("has no item"));
        assertEquals(List.of(), load("aliases.scopes=").get(Settings.ALIASES_SCOPES));
        assertEquals(List.of(), load("nameservers=").get(Settings.NAMESERVERS));
        assertEquals(List.of("vip", "corp"), load("local.domains=vip,,corp,").get(Settings.LOCAL_DOMAINS));
        assertEquals(List.of("*"), load("local.domains=*").get(Settings.LOCAL_DOMAINS));
    }

    @Test
    void listItemsAreCheckedAndCounted() {
        assertTrue(problem("aliases.scopes", "*").contains("has an item that is not a scope name: name '*' has the character '*'"));
        assertTrue(problem("local.domains", "a..b").contains("has an item that is not a domain: name 'a..b' has an empty label"));
        assertTrue(problem("local.domains", "x".repeat(64)).contains("has a label longer than 63 characters"));
        assertTrue(problem("nameservers", "127.0.0.1,dns.example").contains(
                "has an item 'dns.example' that is not an IP address with an optional port"));
        String seventeen = String.join(",", Collections.nCopies(17, "127.0.0.1"));
        assertTrue(problem("nameservers", seventeen).contains("has 17 items; expected 0 to 16 IP addresses"));
    }

    @Test
    void pathsAreNotEmptyNorTooLongAndHaveNoNul() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("", Map.of("resolvechain.hostsFile", "/etc/ho\0sts"),
                Map.of("RESOLVECHAIN_RESOLVCONF", "/" + "r".repeat(5000), "RESOLVECHAIN_ALIASES", " ")));
        String all = e.getMessage();
        assertTrue(all.contains("'hostsFile' (system property resolvechain.hostsFile): '/etc/ho\\u0000sts' has a NUL character;"
                + " expected a path of 1 to 4096 characters, without NUL"), all);
        assertTrue(all.contains("'resolvConf' (environment variable RESOLVECHAIN_RESOLVCONF): '/rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr...'"
                + " is 5001 characters long"), all);
        assertTrue(all.contains("'aliases' (environment variable RESOLVECHAIN_ALIASES): '' is empty"), all);
        assertEquals(3, e.problems().size(), all);
    }

    @Test
    void theLocalTimeoutIsAtMostTheLookupTimeoutWhileLocalIsSet() throws ConfigException {
        assertEquals("bad value for key 'local.timeout' (agent argument): '5s' is more than lookupTimeout, '3s' (default);"
                + " expected at most lookupTimeout while local is set", problems("local=127.0.0.1;local.timeout=5s").get(0));
        assertEquals(Duration.ofSeconds(5), load("local=127.0.0.1;local.timeout=5s;lookupTimeout=5s").get(Settings.LOCAL_TIMEOUT));
        assertEquals(Duration.ofSeconds(5), load("local.timeout=5s").get(Settings.LOCAL_TIMEOUT), "the local tier is off");
    }

    @Test
    void valuesAreQuotedEscapedAndShortened() {
        String problem = problem("lookupTimeout", "5\u001b[31ms\u0007s");
        assertTrue(problem.contains("'5\\u001b[31ms\\u0007s' is not a duration"), problem);
        assertFalse(problem.chars().anyMatch(c -> c < 0x20), problem);
        problem = problem("log.level", "x".repeat(500));
        assertTrue(problem.contains("'" + "x".repeat(40) + "...' is not off, error, warn, info, debug or trace"), problem);
        assertTrue(problem.length() < 200, problem);
        assertTrue(problems("a\u001b[31mb=1").get(0).startsWith("unknown key 'a\\u001b[31mb' in agent argument"));
    }

    @Test
    void everyDefaultIsWithinItsRange() {
        for (Setting<?> setting : Settings.ALL) {
            if (setting.defaultText() != null) {
                setting.parse(setting.defaultText());
            }
        }
    }
}
