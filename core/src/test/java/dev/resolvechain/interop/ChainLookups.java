package dev.resolvechain.interop;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Run in a child JVM by {@link GlibcDifferentialTest}, inside the test's network namespace: builds
 * the chain from {@code args[0]} (agent-argument syntax) and looks up each further argument, one
 * line per name on standard output: {@code name TAB OK TAB address,address} or
 * {@code name TAB FAIL TAB reason}.
 */
public final class ChainLookups {
    private ChainLookups() {
    }

    public static void main(String[] args) throws Exception {
        try (ResolveChain chain = ChainFactory.create(ConfigLoader.load(args[0], Map.of(), Map.of()), Map.of())) {
            for (String name : Arrays.asList(args).subList(1, args.length)) {
                Resolution resolution = chain.lookup(name, AddressPolicy.AS_ANSWERED);
                String result = resolution.resolved()
                        ? "OK\t" + resolution.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(","))
                        : "FAIL\t" + resolution.failureReason().replace('\t', ' ').replace('\n', ' ');
                System.out.println(name + "\t" + result);
            }
        }
    }
}
