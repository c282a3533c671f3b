package dev.resolvechain.agent.libraries;

/** A library the agent weaves the chain into, known by the name of the class woven (internal form). */
enum Library {
    /** Netty's {@code DnsNameResolver}: {@code io/netty/...}, or relocated inside another library. */
    NETTY("/resolver/dns/DnsNameResolver", NettyLookups.RESOLVER),
    /**
     * The application's dnsjava, {@code SimpleResolver}, where its queries leave for a server. Joined
     * at run time: the agent jar's build relocates every string constant that names dnsjava to the
     * agent's own shaded copy, and the application's is the one to weave.
     */
    DNSJAVA(String.join("/", "org", "xbill", "DNS", "SimpleResolver"), DnsjavaLookups.RESOLVER);

    /** {@code values()} copies its array at each call: once per loaded class would be waste. */
    private static final Library[] ALL = values();

    private final String classNameSuffix;
    private final String resolver;

    Library(String classNameSuffix, String resolver) {
        this.classNameSuffix = classNameSuffix;
        this.resolver = resolver;
    }

    /** How its lookups are named in the chain's log: {@code netty}, {@code dnsjava}. */
    String resolver() {
        return resolver;
    }

    /** The library whose class this is, or null: one string test per loaded class, nothing loaded. */
    static Library of(String internalClassName) {
        for (Library library : ALL) {
            if (internalClassName.endsWith(library.classNameSuffix)) {
                return library;
            }
        }
        return null;
    }
}
