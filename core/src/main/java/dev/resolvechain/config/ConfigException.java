package dev.resolvechain.config;

import java.util.List;

/**
 * One or more configuration problems; each line names the key and where its value came from. It
 * also says whether {@code strict=true} was asked for, since the configuration that would say so
 * did not load.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;
    private final boolean strictRequested;

    ConfigException(List<String> problems, boolean strictRequested) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
        this.strictRequested = strictRequested;
    }

    public List<String> problems() {
        return problems;
    }

    /**
     * Whether the highest source that sets {@code strict} (agent argument, system property,
     * environment variable, config file) sets it to {@code true}, in any case, whatever else is
     * wrong; false when none sets it or its value is not {@code true}.
     */
    public boolean strictRequested() {
        return strictRequested;
    }
}
