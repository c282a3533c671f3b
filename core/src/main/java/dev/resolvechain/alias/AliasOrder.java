package dev.resolvechain.alias;

/** The order of an alias's addresses in each answer. */
public enum AliasOrder {
    /** A new random order per lookup, within each address family (Docker's round robin). */
    SHUFFLE,
    /** The order of the files: owners by scope and name, then lines. */
    FILE
}
