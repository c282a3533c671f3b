package dev.resolvechain.agent.libraries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.agent.DefiningLoader;
import dev.resolvechain.agent.boot.LibraryHooks;
import dev.resolvechain.agent.libraries.fake.org.xbill.DNS.SimpleResolver;
import dev.resolvechain.agent.libraries.fake.resolver.dns.DnsNameResolver;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code {@link ClassWeaver} weaves, run for real: classes shaped like Netty's and dnsjava's are
 * woven, defined in a class loader of their own and called. {@code direct}: in a loader that sees
 * {@link LibraryHooks} (the application's), else in one that does not (its parent the platform's),
 * where the woven code finds the hooks through the system class loader.
 */
class ClassWeaverTest {
    private static final String NETTY_NAME = "dev/resolvechain/agent/libraries/fake/resolver/dns/DnsNameResolver";
    private static final String DNSJAVA_NAME = "dev/resolvechain/agent/libraries/fake/org/xbill/DNS/SimpleResolver";

    @AfterEach
    void unhook() {
        LibraryHooks.netty = null;
        LibraryHooks.dnsjava = null;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nettyLookupsTakenByTheHookSkipTheBodyAndTheRestRunAsWritten(boolean direct) throws Exception {
        List<Object[]> calls = new ArrayList<>();
        LibraryHooks.netty = call -> {
            calls.add(call);
            return call[1].equals("taken");
        };
        Object resolver = woven(Library.NETTY, NETTY_NAME, DnsNameResolver.class, direct);
        Method doResolve = method(resolver, "doResolve", 4);
        Object promise = new Object();

        doResolve.invoke(resolver, "taken", null, promise, null);
        doResolve.invoke(resolver, "left", null, promise, null);
        method(resolver, "doResolveAll", 4).invoke(resolver, "left", null, promise, null);
        method(resolver, "doResolve", 2).invoke(resolver, "two", promise);

        assertEquals(List.of("doResolve left", "doResolveAll left", "two arguments two"), ranAsWritten(resolver));
        assertEquals(3, calls.size(), "the two-argument method is not woven");
        assertEquals(Arrays.asList(resolver, "taken", promise, "doResolve"), Arrays.asList(calls.get(0)));
        assertEquals("doResolveAll", calls.get(2)[3]);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aHookThatFailsOrIsNotSetLeavesNettyAsWritten(boolean direct) throws Exception {
        Object resolver = woven(Library.NETTY, NETTY_NAME, DnsNameResolver.class, direct);
        Method doResolve = method(resolver, "doResolve", 4);

        doResolve.invoke(resolver, "unhooked", null, null, null);
        LibraryHooks.netty = call -> {
            throw new IllegalStateException("a broken hook");
        };
        doResolve.invoke(resolver, "broken", null, null, null);

        assertEquals(List.of("doResolve unhooked", "doResolve broken"), ranAsWritten(resolver));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void dnsjavaQueriesAnsweredByTheHookReturnItsAnswer(boolean direct) throws Exception {
        CompletableFuture<Object> chainAnswer = CompletableFuture.completedFuture("the chain's");
        BiFunction<Object, Object, Object> hook = (resolver, query) -> query.equals("taken") ? chainAnswer : null;
        LibraryHooks.dnsjava = hook;
        Object resolver = woven(Library.DNSJAVA, DNSJAVA_NAME, SimpleResolver.class, direct);
        Method sendAsync = method(resolver, "sendAsync", 1);

        assertSame(chainAnswer, sendAsync.invoke(resolver, "taken"));
        assertEquals("as written: left", ((CompletionStage<?>) sendAsync.invoke(resolver, "left")).toCompletableFuture().join());
        LibraryHooks.dnsjava = (resolverCalled, query) -> {
            throw new IllegalStateException("a broken hook");
        };
        assertEquals("as written: taken", ((CompletionStage<?>) sendAsync.invoke(resolver, "taken")).toCompletableFuture().join());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theLoaderDecidesTheCall(boolean direct) {
        ClassLoader loader = loader(direct);
        assertEquals(direct, ClassWeaver.seesHooks(loader));
        assertFalse(ClassWeaver.seesHooks(null), "the boot loader never sees the agent");
        assertTrue(Library.of(NETTY_NAME) == Library.NETTY && Library.of(DNSJAVA_NAME) == Library.DNSJAVA);
    }

    /** A new instance of {@code type} woven and defined in a loader of its own. */
    private static Object woven(Library library, String internalName, Class<?> type, boolean direct) throws Exception {
        byte[] woven = ClassWeaver.weave(library, classFile(type), direct);
        Class<?> defined = new DefiningLoader(loader(direct), internalName.replace('/', '.'), woven).loadClass(type.getName());
        assertNotNull(defined);
        return defined.getConstructor().newInstance();
    }

    private static ClassLoader loader(boolean direct) {
        return direct ? ClassWeaverTest.class.getClassLoader() : ClassLoader.getPlatformClassLoader();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ranAsWritten(Object resolver) throws ReflectiveOperationException {
        return (List<String>) resolver.getClass().getField("ranAsWritten").get(resolver);
    }

    private static Method method(Object target, String name, int parameters) {
        for (Method method : target.getClass().getDeclaredMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == parameters) {
                method.setAccessible(true);
                return method;
            }
        }
        throw new AssertionError(name + "/" + parameters);
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
