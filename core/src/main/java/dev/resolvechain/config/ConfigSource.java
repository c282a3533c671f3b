package dev.resolvechain.config;

import dev.resolvechain.Quoted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One source's texts, already matched to the settings they set, and where each came from: the
 * agent argument, a system property, an environment variable, or a line of the config file. An
 * unknown name is a problem naming where it was.
 *
 * @param file  the config file, for {@link Kind#FILE}
 * @param lines the line of each setting in the config file; empty for the other kinds
 */
record ConfigSource(Kind kind, Path file, Map<Setting<?>, String> values, Map<Setting<?>, Integer> lines) {

    enum Kind {
        AGENT_ARGUMENT("agent argument"),
        SYSTEM_PROPERTY("system property"),
        ENVIRONMENT("environment variable"),
        FILE("config file");

        final String label;

        Kind(String label) {
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

    /** {@code key=value} pairs separated by {@code ;}, each trimmed. */
    static ConfigSource agentArgument(String arguments, List<String> problems) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (arguments != null) {
            for (String part : arguments.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    pairs.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                } else if (!part.isBlank()) {
                    problems.add("agent argument " + Quoted.of(part.trim()) + " is not key=value (pairs are separated by ';')");
                }
            }
        }
        Map<Setting<?>, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            Setting<?> setting = named(Kind.AGENT_ARGUMENT, pair.getKey());
            if (setting == null) {
                problems.add("unknown key " + Quoted.of(pair.getKey()) + " in agent argument" + suggestion(pair.getKey()));
            } else {
                values.put(setting, pair.getValue());
            }
        }
        return new ConfigSource(Kind.AGENT_ARGUMENT, null, values, Map.of());
    }

    /** The entries of {@code all} whose names start with {@code resolvechain.} or {@code RESOLVECHAIN_}; the others are not ours. */
    static ConfigSource prefixed(Kind kind, Map<String, String> all, List<String> problems) {
        String prefix = kind == Kind.ENVIRONMENT ? "RESOLVECHAIN_" : "resolvechain.";
        Map<Setting<?>, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : all.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(prefix)) {
                continue;
            }
            Setting<?> setting = named(kind, name);
            if (setting == null) {
                problems.add("unknown key in " + kind.label + " " + Quoted.of(name) + suggestion(name.substring(prefix.length())));
            } else {
                values.put(setting, entry.getValue());
            }
        }
        return new ConfigSource(kind, null, values, Map.of());
    }

    /** The pairs of config file {@code file}, which cannot name another config file. */
    static ConfigSource file(Path file, PropertiesFile parsed, List<String> problems) {
        Map<Setting<?>, String> values = new LinkedHashMap<>();
        Map<Setting<?>, Integer> lines = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : parsed.values.entrySet()) {
            String where = "config file " + file + ":" + parsed.lines.get(pair.getKey());
            Setting<?> setting = named(Kind.FILE, pair.getKey());
            if (setting == Settings.CONFIG) {
                problems.add(where + " sets 'config' itself; a config file cannot name another");
            } else if (setting == null) {
                problems.add("unknown key " + Quoted.of(pair.getKey()) + " in " + where + suggestion(pair.getKey()));
            } else {
                values.put(setting, pair.getValue());
                lines.put(setting, parsed.lines.get(pair.getKey()));
            }
        }
        return new ConfigSource(Kind.FILE, file, values, lines);
    }

    /** {@code agent argument}, {@code system property resolvechain.x}, {@code environment variable RESOLVECHAIN_X}, {@code config file F:LINE}. */
    String describe(Setting<?> setting) {
        switch (kind) {
            case AGENT_ARGUMENT:
                return kind.label;
            case FILE:
                return kind.label + " " + file + ":" + lines.get(setting);
            default:
                return kind.label + " " + kind.nameOf(setting);
        }
    }

    private static Setting<?> named(Kind kind, String name) {
        for (Setting<?> setting : Settings.ALL) {
            if (kind.nameOf(setting).equals(name)) {
                return setting;
            }
        }
        return null;
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
}
