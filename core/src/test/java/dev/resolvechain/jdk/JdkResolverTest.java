package dev.resolvechain.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Query;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.config.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JdkResolverTest {
    private static final InetAddress A = IpLiteral.parse("192.0.2.7");

    /** A tier that, like a badly behaved logging back-end, resolves a name itself while answering. */
    private static final class ReentrantTier implements Tier {
        final AtomicReference<JdkResolver> resolver = new AtomicReference<>();
        final AtomicReference<Object> nestedResult = new AtomicReference<>();

        @Override
        public String name() {
            return "alias";
        }

        @Override
        public Verdict resolve(Query query) {
            try {
                nestedResult.set(resolver.get().lookup("inner", AddressPolicy.IPV4_ONLY)[0]);
            } catch (UnknownHostException e) {
                nestedResult.set(e);
            }
            return Verdict.answer(List.of(A), "x");
        }
    }

    private static JdkResolver.Platform platformAnswering(InetAddress address) {
        return new JdkResolver.Platform() {
            @Override
            public InetAddress[] lookup(String host, AddressPolicy policy) {
                return new InetAddress[] {IpLiteral.withName(host + "-from-platform", address)};
            }

            @Override
            public String reverse(byte[] address) {
                return "platform";
            }
        };
    }

    @Test
    void answersCarryTheNameThatWasAsked() throws Exception {
        ResolveChain chain = new ResolveChain(List.of(new Tier() {
            public String name() {
                return "alias";
            }

            public Verdict resolve(Query query) {
                return Verdict.answer(List.of(A), "x");
            }
        }), Duration.ofSeconds(1));
        InetAddress[] addresses = new JdkResolver(chain, null).lookup("Web", AddressPolicy.IPV4_FIRST);
        assertEquals(1, addresses.length);
        assertEquals("Web", addresses[0].getHostName());
        assertArrayEquals(A.getAddress(), addresses[0].getAddress());
    }

    @Test
    void failureIsUnknownHostExceptionNamingTierAndReason() {
        ResolveChain chain = new ResolveChain(List.of(new Tier() {
            public String name() {
                return "dns";
            }

            public Verdict resolve(Query query) {
                return Verdict.fail("NXDOMAIN for nope from 127.0.0.1:53");
            }
        }), Duration.ofSeconds(1));
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> new JdkResolver(chain, null).lookup("nope", AddressPolicy.IPV4_FIRST));
        assertEquals("resolvechain: nope: dns: NXDOMAIN for nope from 127.0.0.1:53", e.getMessage());
        assertThrows(UnknownHostException.class, () -> new JdkResolver(chain, null).reverse(A.getAddress()));
    }

    @Test
    void aLookupFromInsideTheChainGoesToThePlatformNotIntoTheChain() throws Exception {
        ReentrantTier tier = new ReentrantTier();
        JdkResolver resolver = new JdkResolver(new ResolveChain(List.of(tier), Duration.ofSeconds(1)),
                platformAnswering(IpLiteral.parse("192.0.2.99")));
        tier.resolver.set(resolver);
        resolver.lookup("outer", AddressPolicy.IPV4_FIRST);
        assertEquals("inner-from-platform", ((InetAddress) tier.nestedResult.get()).getHostName());
        assertEquals(1, resolver.nestedLookups());
        resolver.lookup("again", AddressPolicy.IPV4_FIRST);
        assertEquals(2, resolver.nestedLookups(), "the guard is per lookup, not stuck after the first");
    }

    @Test
    void withoutAPlatformANestedLookupIsRefusedNotRecursed() throws Exception {
        ReentrantTier tier = new ReentrantTier();
        JdkResolver resolver = new JdkResolver(new ResolveChain(List.of(tier), Duration.ofSeconds(1)), null);
        tier.resolver.set(resolver);
        resolver.lookup("outer", AddressPolicy.IPV4_FIRST);
        assertTrue(tier.nestedResult.get() instanceof UnknownHostException);
        assertTrue(((Exception) tier.nestedResult.get()).getMessage().contains("refused to avoid recursion"));
    }

    /** A chain of one tier answering every name with {@link #A}. */
    private static ResolveChain answeringA() {
        return new ResolveChain(List.of(new Tier() {
            public String name() {
                return "alias";
            }

            public Verdict resolve(Query query) {
                return Verdict.answer(List.of(A), "x");
            }
        }), Duration.ofSeconds(1));
    }

    @Test
    void aLookupMadeWhileTheChainIsBuiltWaitsForIt() throws Exception {
        ChainStart start = ChainStart.pending(Duration.ofSeconds(30));
        JdkResolver resolver = new JdkResolver(start, platformAnswering(IpLiteral.parse("10.0.0.9")));
        assertEquals(null, resolver.resolveAtOnce("web", AddressPolicy.IPV4_ONLY), "an event loop is not made to wait");
        assertEquals(null, resolver.fastAnswer("web", AddressPolicy.IPV4_ONLY));
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return resolver.lookup("web", AddressPolicy.IPV4_ONLY);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(lookup.isDone(), "waits for the chain");
        start.complete(answeringA());
        assertArrayEquals(A.getAddress(), lookup.get(10, TimeUnit.SECONDS)[0].getAddress(), "the chain's answer, not the platform's");
    }

    @Test
    void aChainNotBuiltWithinTheWaitFailsTheLookupSayingSo() {
        JdkResolver resolver = new JdkResolver(ChainStart.pending(Duration.ofMillis(50)), platformAnswering(A));
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> resolver.lookup("web", AddressPolicy.IPV4_ONLY));
        assertTrue(e.getMessage().startsWith("resolvechain: web: start: the chain was still being built at JVM start after 50 ms"),
                e.getMessage());
    }

    @Test
    void beforeTheConfigurationIsReadALookupWaitsTheDefaultLookupTimeoutThenTheConfiguredOne() throws Exception {
        assertEquals(ConfigLoader.load("", Map.of(), Map.of()).get(Settings.LOOKUP_TIMEOUT), ChainStart.UNTIL_CONFIGURED);
        ChainStart start = ChainStart.pending(ChainStart.UNTIL_CONFIGURED);
        start.waitAtMost(Duration.ofMillis(50));
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> new JdkResolver(start, platformAnswering(A)).lookup("web", AddressPolicy.IPV4_ONLY));
        assertTrue(e.getMessage().contains("after 50 ms"), e.getMessage());
    }

    @Test
    void aChainThatCouldNotBeBuiltLeavesLookupsToTheJdksResolver() throws Exception {
        ChainStart start = ChainStart.pending(Duration.ofSeconds(30));
        InetAddress platform = IpLiteral.parse("10.0.0.9");
        JdkResolver resolver = new JdkResolver(start, platformAnswering(platform));
        start.fail(Duration.ofSeconds(1));
        assertArrayEquals(platform.getAddress(), resolver.lookup("web", AddressPolicy.IPV4_ONLY)[0].getAddress());
        assertEquals("platform", resolver.reverse(A.getAddress()));
        Resolution library = resolver.narrowedTo(Set.of("alias")).resolve("web", AddressPolicy.IPV4_ONLY);
        assertTrue(library.passedOn(), "a library's lookup is passed on to its own resolver: " + library);
    }
}
