package dev.resolvechain.cli;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.Config;
import dev.resolvechain.observe.Explanation;
import dev.resolvechain.observe.Json;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code explain NAME... [--json] [--resolver R]}: each name resolved through the chain as configured,
 * with every step, as the resolver R (default {@code InetAddress}) asks it.
 */
final class ExplainCommand {
    private ExplainCommand() {
    }

    static int run(PrintStream out, PrintStream err, Config config, List<String> names, boolean json, ExplainedResolver resolver) {
        if (names.isEmpty()) {
            err.println("resolvechain: explain needs at least one NAME");
            return 2;
        }
        boolean allResolved = true;
        try (ResolveChain chain = ChainFactory.create(config, System.getenv())) {
            Map<String, Object> chainConfig = Explanation.chainConfig(chain);
            if (!json) {
                out.println(describe(chainConfig));
            }
            AddressPolicy policy = resolver.policy();
            for (String name : names) {
                InetAddress literal = IpLiteral.parse(name);
                // whether Netty's promise would complete inline: asked before the lookup fills any cache
                Boolean inline = resolver == ExplainedResolver.NETTY && literal == null ? chain.lookupAtOnce(name, policy) != null : null;
                Resolution resolution = literal == null ? chain.lookup(name, policy) : chain.reverse(literal.getAddress());
                allResolved &= resolution.resolved();
                out.println(json ? Json.write(toJson(resolution, resolver, inline, chainConfig)) : toText(resolution, resolver, inline));
            }
        }
        return allResolved ? 0 : 1;
    }

    /** {@code chain: alias > hosts > dns; nameservers: 127.0.0.1; search: corp; ndots: 1; ...} */
    @SuppressWarnings("unchecked")
    private static String describe(Map<String, Object> chainConfig) {
        StringBuilder text = new StringBuilder("chain: ");
        text.append(String.join(" > ", (List<String>) chainConfig.get("tiers")));
        for (Map.Entry<String, Object> entry : chainConfig.entrySet()) {
            if (!entry.getKey().equals("tiers")) {
                Object value = entry.getValue();
                String shown = value instanceof List<?> list ? (list.isEmpty() ? "-" : String.join(", ", (List<String>) list)) : String.valueOf(value);
                text.append("; ").append(entry.getKey()).append(": ").append(shown);
            }
        }
        return text.toString();
    }

    private static Map<String, Object> toJson(Resolution resolution, ExplainedResolver resolver, Boolean inline,
                                              Map<String, Object> chainConfig) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", resolution.name());
        json.put("resolver", resolver.label);
        if (inline != null) {
            json.put("inline", inline);
        }
        json.putAll(Explanation.json(resolution));
        json.put("config", chainConfig);
        return json;
    }

    private static String toText(Resolution resolution, ExplainedResolver resolver, Boolean inline) {
        StringBuilder header = new StringBuilder(resolution.name());
        if (resolver != ExplainedResolver.INET_ADDRESS) {
            header.append("  (as ").append(resolver.label).append(" asks it");
            if (inline != null) {
                header.append(inline ? "; decided from memory: inline, on the event loop" : "; may wait: on a lookup thread, off the event loop");
            }
            header.append(')');
        }
        return header + "\n" + Explanation.steps(resolution);
    }
}
