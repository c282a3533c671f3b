package dev.resolvechain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.Durations;
import dev.resolvechain.wire.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text a key is given, from whichever source, {@link ConfigLoader#load} gives a
 * configuration whose values are all within their ranges, or a {@link ConfigException}, never
 * another exception; a value that parses is written back (where a writer exists) as text that
 * parses to the same value; the config file reads as java.util.Properties reads it.
 */
class ConfigValuesPropertyTest {
    /** Pieces that broke parsers before, or could: huge numbers, signs, units, separators, escapes, other scripts' digits, controls. */
    private static final List<String> PIECES = List.of("0", "00", "1", "7", "59", "999999999999", "9223372036854775807",
            "9223372036854775808", "99999999999999999999999", "-", "+", ".", "..", "e3", "_", "ms", "s", "m", "h", "H", "MS", "k", "K",
            "g", "d", ",", " ", "\t", "*", "[", "]", ":", "::1", "127.0.0.1", "[::1]:5353", "%", "%eth0", "65536", "0x10", "\u0665",
            "\uff11", "\u0000", "\u001b[31m", "\u0085", "\ud800", "/", "\\", "\\u0041", "=", ";", "#", "!", "\n", "\r", "true", "FALSE",
            "yes", "fallthrough", "TRACE", "shuffle", "vip", "corp.", "localhost", "x".repeat(64), "a".repeat(300), "NaN", "Infinity",
            "/dev/zero", "/dev/null", "/etc/hosts", "");

    @Provide
    Arbitrary<Setting<?>> settings() {
        return Arbitraries.of(Settings.ALL);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars("0123456789mshkK,*.:[]-+ \t;=\\u").ofMaxLength(24),
                Arbitraries.of(PIECES).list().ofMaxSize(6).map(pieces -> String.join("", pieces)),
                Arbitraries.longs().map(number -> Long.toString(number)),
                Combinators.combine(Arbitraries.longs().greaterOrEqual(0), Arbitraries.of("ms", "s", "m", "h", "k", "m", ""))
                        .as((amount, unit) -> amount + unit));
    }

    /** The configuration, every value within its range; null for a ConfigException. */
    private static Config load(String agentArguments, Map<String, String> properties, Map<String, String> environment) {
        Config config;
        try {
            config = ConfigLoader.load(agentArguments, properties, environment);
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty());
            return null;
        }
        for (Setting<?> setting : Settings.ALL) {
            Object value = config.get(setting);
            long measure = value instanceof Duration d ? d.toMillis() : value instanceof Long size ? size
                    : value instanceof Integer count ? count : value instanceof List<?> list ? list.size() : setting.min();
            assertTrue(measure >= setting.min() && measure <= setting.max(), setting.key() + "=" + value);
        }
        return config;
    }

    @Property(tries = 2000)
    void anyTextFromThePropertiesOrTheEnvironmentGivesAValueOrAConfigException(@ForAll("settings") Setting<?> setting,
                                                                                 @ForAll("texts") String text) {
        Config fromProperty = load(null, Map.of(setting.systemPropertyName(), text), Map.of());
        Config fromEnvironment = load("", Map.of(), Map.of(setting.environmentName(), text));
        if (setting != Settings.CONFIG) {
            assertEquals(fromProperty == null, fromEnvironment == null, "the same text, the same outcome");
        }
    }

    @Property(tries = 1000)
    void anyAgentArgumentGivesAValueOrAConfigException(@ForAll("settings") Setting<?> setting, @ForAll("texts") String text,
                                                        @ForAll("texts") String rest) {
        load(setting.key() + "=" + text, Map.of(), Map.of());
        load(rest, Map.of(), Map.of());
    }

    @Property(tries = 300)
    void anyTextFromTheConfigFileReadsAsFromAProperty(@ForAll("settings") Setting<?> setting, @ForAll("texts") String text)
            throws IOException {
        if (setting == Settings.CONFIG) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty(setting.key(), text);
        Path file = Files.createTempFile("resolvechain", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, null); // ISO-8859-1, and escapes beyond it: any text, lone surrogates too
            }
            Config fromFile = load("config=" + file, Map.of(), Map.of());
            Config fromProperty = load("", Map.of(setting.systemPropertyName(), text), Map.of());
            assertEquals(fromProperty == null, fromFile == null);
            if (fromFile != null) {
                assertEquals(fromProperty.get(setting), fromFile.get(setting));
                assertEquals("config file " + file + ":2", fromFile.source(setting), "line 1 is the date Properties.store writes");
            }
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 2000)
    void aDurationThatParsesIsWrittenAsTextThatParsesToIt(@ForAll("durationSettings") Setting<?> setting, @ForAll("texts") String text) {
        Object parsed = parsedOrNull(setting, text);
        if (parsed != null) {
            assertEquals(parsed, setting.parse(Durations.text((Duration) parsed)));
        }
    }

    @Property(tries = 2000)
    void everyDurationInRangeIsWrittenAsTextThatParsesToIt(@ForAll("durationSettings") Setting<?> setting, @ForAll long seed) {
        long millis = setting.min() + Math.floorMod(seed, setting.max() - setting.min() + 1);
        Duration duration = Duration.ofMillis(millis);
        assertEquals(duration, setting.parse(Durations.text(duration)));
    }

    @Provide
    Arbitrary<Setting<?>> durationSettings() {
        List<Setting<?>> durations = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            if (setting.type() == ValueType.DURATION) {
                durations.add(setting);
            }
        }
        return Arbitraries.of(durations);
    }

    @Property(tries = 1000)
    void listsAndAddressesThatParseAreWrittenAsTextThatParsesToThem(@ForAll("listTexts") String text) {
        for (Setting<?> setting : List.of(Settings.LOCAL_DOMAINS, Settings.ALIASES_SCOPES, Settings.NAMESERVERS, Settings.LOCAL)) {
            Object parsed = parsedOrNull(setting, text);
            if (parsed instanceof List<?> items) {
                List<String> written = new ArrayList<>();
                for (Object item : items) {
                    written.add(item.toString());
                }
                assertEquals(parsed, setting.parse(String.join(",", written)), setting.key());
            } else if (parsed instanceof Endpoint endpoint) {
                assertEquals(endpoint, setting.parse(endpoint.toString()));
            }
        }
    }

    @Provide
    Arbitrary<String> listTexts() {
        Arbitrary<String> item = Arbitraries.oneOf(Arbitraries.of("*", "vip", "Corp.", ".a.b.", "x_y", "127.0.0.1", "::1", "[::1]:5353",
                        "10.0.0.1:53", "[fe80::1%1]:53", " ", ""),
                Arbitraries.strings().withChars("abcXYZ019-_.:[]").ofMaxLength(12));
        return item.list().ofMaxSize(5).map(items -> String.join(",", items));
    }

    private static Object parsedOrNull(Setting<?> setting, String text) {
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Property(tries = 3000)
    void theConfigFileReadsAsPropertiesReadsIt(@ForAll("propertiesTexts") String text) throws IOException {
        List<String> problems = new ArrayList<>();
        PropertiesFile parsed = PropertiesFile.parse(text, "test", problems);
        Properties expected = new Properties();
        try {
            expected.load(new StringReader(text));
        } catch (IllegalArgumentException malformedEscape) {
            assertFalse(problems.isEmpty(), "a malformed escape is a problem");
            return;
        }
        assertEquals(List.of(), problems);
        assertEquals(ConfigFileTest.asMap(expected), parsed.values);
    }

    @Provide
    Arbitrary<String> propertiesTexts() {
        return Arbitraries.oneOf(
                Arbitraries.of("a", "k", "=", ":", " ", "\t", "\f", "\\", "\\\\", "\n", "\r", "\r\n", "#", "!", "\\u0041", "\\u00",
                        "\\uZZZZ", "\\n", "\\t", "\u00e9", "key=value", "\\\n", "\\\r\n").list().ofMaxSize(14)
                        .map(pieces -> String.join("", pieces)),
                Arbitraries.strings().withChars("ab=: \t\f\\\n\r#!u0").ofMaxLength(30));
    }
}
