package dev.resolvechain.alias;

/**
 * Where alias registrations come from: a directory of owner files, or a distributed store. A
 * source feeds the {@link AliasRegistry} it was made for with each owner's registration as it is
 * now ({@link AliasRegistry#apply}, {@link AliasRegistry#remove}, {@link AliasRegistry#reject});
 * the alias tier reads only the registry, so a new source plugs in without touching it.
 */
public interface AliasSource extends AutoCloseable {

    /** Where the registrations are, as messages name it: {@code /srv/aliases}, {@code etcd://...}. */
    String location();

    /** Loads what the source holds now into its registry, waiting briefly for registrations being written. */
    void load();

    /** As {@link #load}, then keeps the registry current until {@link #close}, on daemon threads only. */
    void start();

    @Override
    void close();
}
