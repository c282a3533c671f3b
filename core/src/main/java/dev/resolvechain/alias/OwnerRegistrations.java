package dev.resolvechain.alias;

import java.io.IOException;

/** What owners do to their registration in an alias source, whatever stores it, besides registering. */
public interface OwnerRegistrations {
    /** Marks {@code owner}'s registration alive now. False when it has none. */
    boolean heartbeat(String owner, String scope) throws IOException;

    /** Removes {@code owner}'s registration. False when it had none. */
    boolean unregister(String owner, String scope) throws IOException;
}
