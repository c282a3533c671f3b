package dev.resolvechain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.local.OnDown;
import dev.resolvechain.wire.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheContractsDefaults() throws Exception {
        Config config = ConfigLoader.load("", Map.of(), Map.of());
        assertNull(config.get(Settings.ALIASES));
        assertEquals(List.of(), config.get(Settings.ALIASES_SCOPES));
        assertEquals(Duration.ZERO, config.get(Settings.ALIASES_OWNER_TTL));
        assertNull(config.get(Settings.LOCAL));
        assertEquals(List.of("*"), config.get(Settings.LOCAL_DOMAINS));
        assertEquals(Duration.ofMillis(250), config.get(Settings.LOCAL_TIMEOUT));
        assertEquals(Duration.ZERO, config.get(Settings.LOCAL_AWAIT_READY));
        assertEquals(OnDown.FALLTHROUGH, config.get(Settings.LOCAL_ON_DOWN));
        assertEquals(Path.of("/etc/resolv.conf"), config.get(Settings.RESOLV_CONF));
        assertEquals(List.of(), config.get(Settings.NAMESERVERS));
        assertEquals(List.of(), config.get(Settings.FALLBACK_NAMESERVERS));
        assertEquals(Path.of("/etc/hosts"), config.get(Settings.HOSTS_FILE));
        assertEquals(Duration.ofSeconds(3), config.get(Settings.LOOKUP_TIMEOUT));
        assertEquals(LogLevel.INFO, config.get(Settings.LOG_LEVEL));
        assertFalse(config.get(Settings.STRICT));
        assertEquals("default", config.source(Settings.LOOKUP_TIMEOUT));
    }

    @Test
    void sourcesRankAgentArgumentsThenPropertiesThenEnvironmentThenFile() throws Exception {
        Path file = dir.resolve("resolvechain.properties");
        Files.writeString(file, "lookupTimeout=9s\nlocal.timeout=900ms\nlocal.awaitReady=9s\nlog.level=trace\n");
        Config config = ConfigLoader.load("lookupTimeout=1s",
                Map.of("resolvechain.lookupTimeout", "2s", "resolvechain.local.timeout", "200ms"),
                Map.of("RESOLVECHAIN_LOOKUPTIMEOUT", "3s", "RESOLVECHAIN_LOCAL_TIMEOUT", "300ms",
                        "RESOLVECHAIN_LOCAL_AWAITREADY", "3s", "RESOLVECHAIN_CONFIG", file.toString()));
        assertEquals(Duration.ofSeconds(1), config.get(Settings.LOOKUP_TIMEOUT));
        assertEquals("agent argument", config.source(Settings.LOOKUP_TIMEOUT));
        assertEquals(Duration.ofMillis(200), config.get(Settings.LOCAL_TIMEOUT));
        assertEquals("system property resolvechain.local.timeout", config.source(Settings.LOCAL_TIMEOUT));
        assertEquals(Duration.ofSeconds(3), config.get(Settings.LOCAL_AWAIT_READY));
        assertEquals("environment variable RESOLVECHAIN_LOCAL_AWAITREADY", config.source(Settings.LOCAL_AWAIT_READY));
        assertEquals(LogLevel.TRACE, config.get(Settings.LOG_LEVEL));
        assertEquals("config file " + file + ":4", config.source(Settings.LOG_LEVEL));
    }

    @Test
    void valuesOfEveryType() throws Exception {
        Config config = ConfigLoader.load("aliases=/srv/aliases;aliases.scopes=Net1, .net2.;local=127.0.0.1:5353;"
                + "local.domains=vip,.corp.;local.onDown=FAIL;nameservers=127.0.0.1, [::1]:5300,::1;strict=TRUE;"
                + "aliases.ownerTtl=2m", Map.of(), Map.of());
        assertEquals("/srv/aliases", config.get(Settings.ALIASES));
        assertEquals(List.of("net1", "net2"), config.get(Settings.ALIASES_SCOPES));
        assertEquals(Endpoint.parse("127.0.0.1:5353"), config.get(Settings.LOCAL));
        assertEquals(5353, config.get(Settings.LOCAL).port());
        assertEquals(List.of("vip", "corp"), config.get(Settings.LOCAL_DOMAINS));
        assertEquals(OnDown.FAIL, config.get(Settings.LOCAL_ON_DOWN));
        List<Endpoint> nameservers = config.get(Settings.NAMESERVERS);
        assertEquals(3, nameservers.size());
        assertEquals(53, nameservers.get(0).port());
        assertEquals(5300, nameservers.get(1).port());
        assertEquals("::1", nameservers.get(2).address().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1"));
        assertTrue(config.get(Settings.STRICT));
        assertEquals(Duration.ofMinutes(2), config.get(Settings.ALIASES_OWNER_TTL));
    }

    @Test
    void anEtcdSourceAndItsKeys() throws Exception {
        Config config = ConfigLoader.load("aliases=etcd://127.0.0.1:2379,[::1]:2379/rc/aliases;aliases.etcd.user=svc-web;"
                + "aliases.etcd.passwordFile=/run/secrets/etcd;aliases.snapshot=/var/cache/rc.snapshot", Map.of(), Map.of());
        assertEquals("etcd://127.0.0.1:2379,[::1]:2379/rc/aliases", config.get(Settings.ALIASES));
        assertEquals("svc-web", config.get(Settings.ALIASES_ETCD_USER));
        assertEquals(Path.of("/var/cache/rc.snapshot"), config.get(Settings.ALIASES_SNAPSHOT));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                "aliases=etcd://127.0.0.1:99999/rc;aliases.etcd.user=" + "u".repeat(257), Map.of(), Map.of()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("'aliases'") && e.problems().get(0).contains("not one from 1 to 65535"), e.getMessage());
        assertTrue(e.problems().get(1).contains("'aliases.etcd.user'") && e.problems().get(1).contains("text of 1 to 256 characters"), e.getMessage());
    }

    @Test
    void badValueNamesKeyAndSource() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load("", Map.of("resolvechain.lookupTimeout", "3 seconds"), Map.of()));
        assertEquals(1, e.problems().size());
        String problem = e.problems().get(0);
        assertTrue(problem.contains("'lookupTimeout'"), problem);
        assertTrue(problem.contains("system property resolvechain.lookupTimeout"), problem);
        assertTrue(problem.contains("250ms"), problem);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                "lookupTimeout=0;local=localhost:53;strict=yes;nameservers=127.0.0.1:x", Map.of(), Map.of()));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("'lookupTimeout'"));
        assertTrue(e.getMessage().contains("'local'") && e.getMessage().contains("not an IP address"));
        assertTrue(e.getMessage().contains("'strict'"));
        assertTrue(e.getMessage().contains("'nameservers'"));
    }

    @Test
    void unknownKeysAreErrorsInEverySource() throws Exception {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "hostfile=/x\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("lookuptimeout=1s;nonsense=1",
                Map.of("resolvechain.alias", "/x"), Map.of("RESOLVECHAIN_NAMESERVER", "127.0.0.1",
                        "RESOLVECHAIN_CONFIG", file.toString())));
        String all = e.getMessage();
        assertTrue(all.contains("'lookuptimeout' in agent argument (did you mean 'lookupTimeout'?)"), all);
        assertTrue(all.contains("'nonsense'"), all);
        assertTrue(all.contains("resolvechain.alias"), all);
        assertTrue(all.contains("RESOLVECHAIN_NAMESERVER"), all);
        assertTrue(all.contains("'hostfile' in config file " + file), all);
        assertEquals(5, e.problems().size(), all);
    }

    @Test
    void unrelatedPropertiesAndVariablesAreIgnored() throws Exception {
        Config config = ConfigLoader.load(null, Map.of("java.version", "17", "resolvechainx", "1"),
                Map.of("PATH", "/bin", "RESOLVECHAINX", "1"));
        assertEquals(Duration.ofSeconds(3), config.get(Settings.LOOKUP_TIMEOUT));
    }

    @Test
    void argumentThatIsNotAPairIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("strict", Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("'strict' is not key=value"), e.getMessage());
    }

    @Test
    void missingConfigFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load("config=" + dir.resolve("absent.properties"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("absent.properties does not exist"), e.getMessage());
    }

    @Test
    void durations() {
        Setting<Duration> setting = Settings.DNS_STALE_TTL;
        assertEquals(Duration.ofMillis(250), setting.parse("250ms"));
        assertEquals(Duration.ofSeconds(5), setting.parse("5s"));
        assertEquals(Duration.ofMinutes(2), setting.parse("2m"));
        assertEquals(Duration.ofHours(1), setting.parse("1H"));
        assertEquals(Duration.ZERO, setting.parse("0"));
        for (String bad : new String[] {"", "5", "s", "5x", "-1s", "1.5s", "5 s", "+5s", "\u0665s"}) {
            assertThrows(IllegalArgumentException.class, () -> setting.parse(bad), bad);
        }
    }

    @Test
    void strictIsReadFromTheRawArgumentsWhateverElseFailsToParse() {
        assertTrue(strictRequested("lookupTimeout=xyz; strict = true ;nope=1"));
        assertFalse(strictRequested("strict=false;lookupTimeout=xyz"));
        assertFalse(strictRequested("strict=yes;lookupTimeout=xyz"), "only true is strict");
        assertFalse(strictRequested("lookupTimeout=xyz"), "not set anywhere");
    }

    private static boolean strictRequested(String agentArguments) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(agentArguments, Map.of(), Map.of())).strictRequested();
    }

    @Test
    void environmentNamesFollowTheContract() {
        assertEquals("RESOLVECHAIN_ALIASES_OWNERTTL", Settings.ALIASES_OWNER_TTL.environmentName());
        assertEquals("RESOLVECHAIN_LOG_LEVEL", Settings.LOG_LEVEL.environmentName());
        assertEquals("resolvechain.local.awaitReady", Settings.LOCAL_AWAIT_READY.systemPropertyName());
    }
}
