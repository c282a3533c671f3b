package dev.resolvechain.config;

import java.util.List;

/** One or more configuration problems; each line names the key and where its value came from. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
