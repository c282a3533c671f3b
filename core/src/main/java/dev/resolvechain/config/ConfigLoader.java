package dev.resolvechain.config;

import dev.resolvechain.Durations;
import dev.resolvechain.Quoted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the settings from their sources, highest first: the agent argument string
 * ({@code key=value;key=value}), system properties {@code resolvechain.<key>}, environment variables
 * {@code RESOLVECHAIN_<KEY>}, the properties file named by {@code config}, then the defaults.
 * Every problem (unknown key, bad value, unreadable file) is collected and reported together, each
 * naming its key, its source (with the line, in the config file), the value, quoted, and what the
 * key accepts. Whatever the input, {@link ConfigException} is the only exception thrown.
 */
public final class ConfigLoader {
    private static final String PROPERTY_PREFIX = "resolvechain.";

    private ConfigLoader() {
    }

    /** From this JVM's system properties and environment. */
    public static Config fromSystem(String agentArguments) throws ConfigException {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX)) {
                properties.put(name, System.getProperty(name));
            }
        }
        return load(agentArguments, properties, System.getenv());
    }

    public static Config load(String agentArguments, Map<String, String> systemProperties, Map<String, String> environment)
            throws ConfigException {
        List<String> problems = new ArrayList<>();
        List<ConfigSource> sources = new ArrayList<>(4);
        sources.add(ConfigSource.agentArgument(agentArguments, problems));
        sources.add(ConfigSource.prefixed(ConfigSource.Kind.SYSTEM_PROPERTY, systemProperties, problems));
        sources.add(ConfigSource.prefixed(ConfigSource.Kind.ENVIRONMENT, environment, problems));
        ConfigSource file = configFile(sources, problems);
        if (file != null) {
            sources.add(file);
        }

        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        Map<Setting<?>, String> origins = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            String text = setting.defaultText();
            String origin = "default";
            for (ConfigSource source : sources) {
                if (source.values().containsKey(setting)) {
                    text = source.values().get(setting);
                    origin = source.describe(setting);
                    break;
                }
            }
            values.put(setting, parse(setting, text, origin, problems));
            origins.put(setting, origin);
        }
        checkLocalTimeout(values, origins, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems, strictRequested(sources));
        }
        return new Config(values, origins);
    }

    /** The text of {@code strict} in the highest source that sets it is {@code true}: read from the raw texts, which need not parse. */
    private static boolean strictRequested(List<ConfigSource> sources) {
        for (ConfigSource source : sources) {
            String text = source.values().get(Settings.STRICT);
            if (text != null) {
                return text.trim().equalsIgnoreCase("true");
            }
        }
        return false;
    }

    private static Object parse(Setting<?> setting, String text, String origin, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add("bad value for key '" + setting.key() + "' (" + origin + "): " + Quoted.of(text.trim()) + " " + e.getMessage());
            return null;
        }
    }

    /**
     * While the local tier is on, one query to it may not be given longer than the whole lookup:
     * past that, a client that never answers would not be seen to fail (its queries are cut by the
     * lookup's deadline) and would take every lookup's whole time.
     */
    private static void checkLocalTimeout(Map<Setting<?>, Object> values, Map<Setting<?>, String> origins, List<String> problems) {
        Duration local = (Duration) values.get(Settings.LOCAL_TIMEOUT);
        Duration lookup = (Duration) values.get(Settings.LOOKUP_TIMEOUT);
        if (values.get(Settings.LOCAL) != null && local != null && lookup != null && local.compareTo(lookup) > 0) {
            problems.add("bad value for key '" + Settings.LOCAL_TIMEOUT.key() + "' (" + origins.get(Settings.LOCAL_TIMEOUT) + "): "
                    + Quoted.of(Durations.text(local)) + " is more than lookupTimeout, " + Quoted.of(Durations.text(lookup))
                    + " (" + origins.get(Settings.LOOKUP_TIMEOUT) + "); expected at most lookupTimeout while local is set");
        }
    }

    /** The config file the highest source that sets {@code config} names, read; null when none does or its value is bad. */
    private static ConfigSource configFile(List<ConfigSource> sources, List<String> problems) {
        for (ConfigSource source : sources) {
            String text = source.values().get(Settings.CONFIG);
            if (text != null) {
                String origin = source.describe(Settings.CONFIG);
                Path path = (Path) parse(Settings.CONFIG, text, origin, problems);
                return path == null ? null : ConfigSource.file(path, PropertiesFile.read(path, origin, problems), problems);
            }
        }
        return null;
    }
}
