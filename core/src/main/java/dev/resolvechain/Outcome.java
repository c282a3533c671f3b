package dev.resolvechain;

/** What a tier did with a query. */
public enum Outcome {
    /** The tier answered; the lookup ends with its addresses. */
    ANSWER,
    /** The tier has nothing to say about this name; the next tier is asked. */
    FALLTHROUGH,
    /** The tier is authoritative and the name does not resolve; the lookup ends here. */
    FAIL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
