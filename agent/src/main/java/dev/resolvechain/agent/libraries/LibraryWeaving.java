package dev.resolvechain.agent.libraries;

import dev.resolvechain.Log;
import dev.resolvechain.agent.boot.LibraryHooks;
import dev.resolvechain.agent.log.ApplicationSlf4j;
import dev.resolvechain.assembly.HostNameservers;
import dev.resolvechain.jdk.JdkResolver;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Weaves the chain into libraries that resolve names without {@code InetAddress}, as their classes
 * load. The test of each loaded class is one string suffix: no type matching and nothing loaded for
 * an application without them. A class that cannot be woven is left as it was, and the log says so.
 */
public final class LibraryWeaving implements ClassFileTransformer {
    /** The libraries woven into so far (the resolvers {@code status} names). */
    private static final Set<Library> WOVEN = ConcurrentHashMap.newKeySet();

    /** The transformer in force: a second install (an attach after the start) replaces it. */
    private static LibraryWeaving installed;

    /** The resolver the hooks go to, made when the first library class is woven. */
    private final Supplier<JdkResolver> resolver;
    private boolean hooked;

    private LibraryWeaving(Supplier<JdkResolver> resolver) {
        this.resolver = resolver;
    }

    /**
     * Weaves the libraries' classes as they load from now on and, when the agent is attached to a
     * running JVM ({@code attached}), those already loaded: the one time loaded classes are gone through.
     */
    public static synchronized void install(Instrumentation instrumentation, Supplier<JdkResolver> resolver, boolean attached) {
        LibraryWeaving weaving = new LibraryWeaving(resolver);
        if (installed != null) {
            instrumentation.removeTransformer(installed);
            if (installed.hooked) {
                weaving.hook(); // the classes woven before go on calling the hooks: they must reach this chain now
            }
        }
        installed = weaving;
        instrumentation.addTransformer(weaving, attached);
        if (attached) {
            retransformLoaded(instrumentation);
        }
    }

    private static void retransformLoaded(Instrumentation instrumentation) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            String internalName = type.getName().replace('.', '/');
            if (Library.of(internalName) != null && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            } else if (internalName.equals(ApplicationSlf4j.LOGGER_FACTORY)) {
                ApplicationSlf4j.loaded(type.getClassLoader());
            }
        }
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                Log.warn("cannot weave into the library classes already loaded " + loaded + " (their lookups bypass the chain): " + e);
            }
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        Library library = className == null ? null : Library.of(className);
        if (library == null) {
            if (className != null && className.equals(ApplicationSlf4j.LOGGER_FACTORY)) {
                ApplicationSlf4j.loaded(loader);
            }
            return null;
        }
        try {
            hook();
            byte[] woven = ClassWeaver.weave(library, bytes, ClassWeaver.seesHooks(loader));
            WOVEN.add(library);
            Log.debug("woven into " + className + ": its address lookups go through the chain");
            return woven;
        } catch (Exception | LinkageError e) {
            Log.warn("cannot weave into " + className + " (its lookups bypass the chain): " + e);
            return null;
        }
    }

    /** The resolvers that go through the chain now: {@code InetAddress}, then each library woven into, as {@code status} names them. */
    public static Supplier<List<String>> resolvers() {
        return new WovenResolvers();
    }

    private static final class WovenResolvers implements Supplier<List<String>> {
        @Override
        public List<String> get() {
            List<String> names = new ArrayList<>(List.of(JdkResolver.INET_ADDRESS));
            for (Library library : Library.values()) {
                if (WOVEN.contains(library)) {
                    names.add(library.resolver());
                }
            }
            return names;
        }
    }

    /** The hooks are set when the first class is woven: an application without these libraries pays nothing. */
    private synchronized void hook() {
        if (!hooked) {
            Executor threads = LookupThreads.create();
            JdkResolver chainResolver = resolver.get();
            HostNameservers hostNameservers = new BuiltHostNameservers(chainResolver);
            LibraryHooks.netty = new NettyLookups(chainResolver, hostNameservers, threads);
            LibraryHooks.dnsjava = new DnsjavaLookups(chainResolver, hostNameservers, threads);
            hooked = true;
        }
    }
}
