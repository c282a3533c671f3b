package dev.resolvechain;

import java.net.InetAddress;

/**
 * The first tier's shortcut for the names it answers plainly (an alias with live owners and
 * addresses of the wanted family): their addresses without the chain's bookkeeping, for the JDK
 * hook's cache entries. Any other case returns null and the chain decides, so a fast answer is
 * always the answer the chain would give.
 */
public interface FastPath {
    /** No shortcut: the chain decides every name. (Not a lambda: built at JVM start, where each costs a bootstrap.) */
    FastPath NONE = new FastPath() {
        @Override
        public InetAddress[] answer(String host, AddressPolicy policy) {
            return null;
        }
    };

    /** The addresses of {@code host}, named {@code host}, in a new array; null when the chain must decide. */
    InetAddress[] answer(String host, AddressPolicy policy);
}
