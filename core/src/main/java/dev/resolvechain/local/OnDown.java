package dev.resolvechain.local;

/** What a lookup does when the local client does not answer (timeout, SERVFAIL, REFUSED, garbage) or is down. */
public enum OnDown {
    /** Ask the next tier, as if the name were not under the client's domains. */
    FALLTHROUGH,
    /** End the lookup: the client's names are not found elsewhere. */
    FAIL
}
