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

    /**
     * Whether {@code strict=true} was asked for, read from the raw sources (agent arguments, then
     * system property, then environment): when the configuration does not parse as a whole, its
     * {@code strict} still decides whether the JVM goes on.
     */
    public static boolean strictRequested(String agentArguments) {
        if (agentArguments != null) {
            for (String pair : agentArguments.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(Settings.STRICT.key())) {
                    return pair.substring(eq + 1).trim().equalsIgnoreCase("true");
                }
            }
        }
        String value = System.getProperty(Settings.STRICT.systemPropertyName(), System.getenv(Settings.STRICT.environmentName()));
        return "true".equalsIgnoreCase(value);
    }

    public static Config load(String agentArguments, Map<String, String> systemProperties, Map<String, String> environment)
            throws ConfigException {
        List<String> problems = new ArrayList<>();
        List<Layer> layers = new ArrayList<>(4);
        layers.add(Layer.keyed(Source.AGENT_ARGUMENT, null, pairs(agentArguments, problems), problems));
        layers.add(prefixed(Source.SYSTEM_PROPERTY, systemProperties, problems));
        layers.add(prefixed(Source.ENVIRONMENT, environment, problems));
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
                    source = layer.describe(setting);
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

    private static Map<String, String> pairs(String arguments, List<String> problems) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (arguments != null) {
            for (String part : arguments.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    pairs.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                } else if (!part.isBlank()) {
                    problems.add("agent argument '" + part.trim() + "' is not key=value (pairs are separated by ';')");
                }
            }
        }
        return pairs;
    }

    private static Layer prefixed(Source source, Map<String, String> all, List<String> problems) {
        String prefix = source == Source.ENVIRONMENT ? ENV_PREFIX : PROPERTY_PREFIX;
        Map<Setting<?>, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : all.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(prefix)) {
                continue;
            }
            Setting<?> setting = null;
            for (Setting<?> candidate : Settings.ALL) {
                if (source.nameOf(candidate).equals(name)) {
                    setting = candidate;
                }
            }
            if (setting == null) {
                problems.add("unknown key in " + source.label + " " + name + suggestion(name.substring(prefix.length())));
            } else {
                values.put(setting, entry.getValue());
            }
        }
        return new Layer(source, null, values);
    }

    private static Path configFile(List<Layer> layers, List<String> problems) {
        for (Layer layer : layers) {
            String text = layer.values.get(Settings.CONFIG);
            if (text != null) {
                return (Path) parse(Settings.CONFIG, text, layer.describe(Settings.CONFIG), problems);
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
        if (pairs.remove(Settings.CONFIG.key()) != null) {
            problems.add("config file " + file + " sets 'config' itself; a config file cannot name another");
        }
        return Layer.keyed(Source.FILE, file, pairs, problems);
    }

    private static String suggestion(String key) {
        String normalized = key.replace('_', '.');
        for (Setting<?> setting : Settings.ALL) {
            if (setting.key().equalsIgnoreCase(normalized)) {
                return " (did you mean '" + setting.key() + "'?)";
            }
        }
        List<String> keys = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            keys.add(setting.key());
        }
        return " (known keys: " + String.join(", ", keys) + ")";
    }

    private enum Source {
        AGENT_ARGUMENT("agent argument"),
        SYSTEM_PROPERTY("system property"),
        ENVIRONMENT("environment variable"),
        FILE("config file");

        final String label;

        Source(String label) {
            this.label = label;
        }

        String nameOf(Setting<?> setting) {
            switch (this) {
                case SYSTEM_PROPERTY:
                    return setting.systemPropertyName();
                case ENVIRONMENT:
                    return setting.environmentName();
                default:
                    return setting.key();
            }
        }
    }

    /** One source's texts, already matched to settings. */
    private record Layer(Source source, Path file, Map<Setting<?>, String> values) {

        /** From plain key names; an unknown name is a problem naming where it was. */
        static Layer keyed(Source source, Path file, Map<String, String> pairs, List<String> problems) {
            Map<Setting<?>, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> pair : pairs.entrySet()) {
                Setting<?> setting = null;
                for (Setting<?> candidate : Settings.ALL) {
                    if (candidate.key().equals(pair.getKey())) {
                        setting = candidate;
                    }
                }
                if (setting == null) {
                    problems.add("unknown key '" + pair.getKey() + "' in " + source.label
                            + (file == null ? "" : " " + file) + suggestion(pair.getKey()));
                } else {
                    values.put(setting, pair.getValue());
                }
            }
            return new Layer(source, file, values);
        }

        String describe(Setting<?> setting) {
            if (source == Source.FILE) {
                return source.label + " " + file;
            }
            return source == Source.AGENT_ARGUMENT ? source.label : source.label + " " + source.nameOf(setting);
        }
    }
}
