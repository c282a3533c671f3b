package dev.resolvechain.testkit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One etcd for a whole test class: started before its first test (the class skips, or fails in CI, when etcd is not
 * installed: {@link Requirements}), closed after its last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EtcdExtension ETCD = EtcdExtension.single();
 * ... ETCD.etcd().location("/rc") ...
 * }</pre>
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<Etcd.Builder> builder;
    private Etcd etcd;

    private EtcdExtension(Supplier<Etcd.Builder> builder) {
        this.builder = builder;
    }

    /** One member. */
    public static EtcdExtension single() {
        return new EtcdExtension(Etcd::single);
    }

    /** The etcd that {@code builder} starts. */
    public static EtcdExtension of(Supplier<Etcd.Builder> builder) {
        return new EtcdExtension(builder);
    }

    /** The running etcd, once the class's tests run. */
    public Etcd etcd() {
        return etcd;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Etcd.requireInstalled();
        etcd = builder.get().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (etcd != null) {
            etcd.close();
        }
    }
}
