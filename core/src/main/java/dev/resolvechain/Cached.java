package dev.resolvechain;

/** A tier that keeps answers (the local client's, the host nameservers'): they can be counted and forgotten on demand. */
public interface Cached {
    /** Forgets every answer it keeps, stale ones included: the next lookups ask the servers again. */
    void flushCache();

    /** How many answers it keeps, and how often lookups found theirs there. */
    CacheFigures cacheFigures();
}
