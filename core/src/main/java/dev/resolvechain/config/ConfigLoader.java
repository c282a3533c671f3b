package dev.resolvechain.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads the settings from their sources, highest first: the agent argument string
 * ({@code key=value;key=value}), system properties {@code resolvechain.<key>}, environment variables
 * {@code RESOLVECHAIN_<KEY>}, the properties file named by {@code config}, then the defaults.
 * Every problem (unknown key, bad value) is collected and reported together, each naming its key and source.
 */
public final class ConfigLoader {
    private static final String PROPERTY_PREFIX = "resolvechain.";
    private static final String ENV_PREFIX = "RESOLVECHAIN_";

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
        List<Layer> layers = new ArrayList<>();
        layers.add(agentArguments(agentArguments, problems));
        layers.add(prefixed("system property", systemProperties, PROPERTY_PREFIX, false, problems));
        layers.add(prefixed("environment variable", environment, ENV_PREFIX, true, problems));
        Path file = configFile(layers, problems);
        if (file != null) {
            layers.add(propertiesFile(file, problems));
        }

        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        Map<Setting<?>, String> sources = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            String text = setting.defaultText();
            String source = "default";
            for (Layer layer : layers) {
                if (layer.values.containsKey(setting)) {
                    text = layer.values.get(setting);
                    source = layer.describe.apply(setting);
                    break;
                }
            }
            values.put(setting, parse(setting, text, source, problems));
            sources.put(setting, source);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(values, sources);
    }

    static void apply(Layer layer, Map<Setting<?>, Object> values, Map<Setting<?>, String> sources) throws ConfigException {
        List<String> problems = new ArrayList<>(layer.problems);
        for (Map.Entry<Setting<?>, String> entry : layer.values.entrySet()) {
            String source = layer.describe.apply(entry.getKey());
            values.put(entry.getKey(), parse(entry.getKey(), entry.getValue(), source, problems));
            sources.put(entry.getKey(), source);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static Object parse(Setting<?> setting, String text, String source, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            return setting.parse(text);
        } catch (RuntimeException e) {
            problems.add("bad value for key '" + setting.key() + "' (" + source + "): " + e.getMessage());
            return null;
        }
    }

    private static Layer agentArguments(String arguments, List<String> problems) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (arguments != null) {
            for (String part : arguments.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    problems.add("agent argument '" + part.trim() + "' is not key=value (pairs are separated by ';')");
                    continue;
                }
                pairs.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return Layer.of("agent argument", pairs, k -> "agent argument", problems);
    }

    private static Layer prefixed(String kind, Map<String, String> all, String prefix, boolean environment, List<String> problems) {
        Map<Setting<?>, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : all.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(prefix)) {
                continue;
            }
            Setting<?> setting = null;
            for (Setting<?> candidate : Settings.ALL) {
                String expected = environment ? candidate.environmentName() : candidate.systemPropertyName();
                if (expected.equals(name)) {
                    setting = candidate;
                }
            }
            if (setting == null) {
                problems.add("unknown key in " + kind + " " + name + suggestion(name.substring(prefix.length())));
            } else {
                values.put(setting, entry.getValue());
            }
        }
        return new Layer(values, s -> kind + " " + (environment ? s.environmentName() : s.systemPropertyName()), List.of());
    }

    private static Path configFile(List<Layer> layers, List<String> problems) {
        for (Layer layer : layers) {
            String text = layer.values.get(Settings.CONFIG);
            if (text != null) {
                return (Path) parse(Settings.CONFIG, text, layer.describe.apply(Settings.CONFIG), problems);
            }
        }
        return null;
    }

    private static Layer propertiesFile(Path file, List<String> problems) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            problems.add("config file " + file + " does not exist (key 'config')");
        } catch (IOException | IllegalArgumentException e) {
            problems.add("config file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            pairs.put(name, properties.getProperty(name));
        }
        if (pairs.containsKey(Settings.CONFIG.key())) {
            problems.add("config file " + file + " sets 'config' itself; a config file cannot name another");
            pairs.remove(Settings.CONFIG.key());
        }
        return Layer.of("config file " + file, pairs, k -> "config file " + file, problems);
    }

    private static String suggestion(String key) {
        String normalized = key.replace('_', '.');
        Setting<?> close = Settings.byKeyIgnoringCase(normalized);
        return close == null ? " (known keys: " + knownKeys() + ")" : " (did you mean '" + close.key() + "'?)";
    }

    private static String knownKeys() {
        List<String> keys = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            keys.add(setting.key());
        }
        return String.join(", ", keys);
    }

    /** One source's key/value texts, already matched to settings. */
    record Layer(Map<Setting<?>, String> values, Function<Setting<?>, String> describe, List<String> problems) {

        /** From plain key names; unknown names become problems naming {@code where}. */
        static Layer of(String where, Map<String, String> pairs, Function<Setting<?>, String> describe, List<String> problems) {
            Map<Setting<?>, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> pair : pairs.entrySet()) {
                Setting<?> setting = Settings.byKey(pair.getKey());
                if (setting == null) {
                    problems.add("unknown key '" + pair.getKey() + "' in " + where + suggestion(pair.getKey()));
                } else {
                    values.put(setting, pair.getValue());
                }
            }
            return new Layer(values, describe, problems);
        }

        static Layer of(String where, Map<String, String> pairs, Function<Setting<?>, String> describe) {
            return of(where, pairs, describe, new ArrayList<>());
        }
    }
}
