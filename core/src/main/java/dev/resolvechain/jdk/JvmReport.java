package dev.resolvechain.jdk;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Durations;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Quoted;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.Setting;
import dev.resolvechain.config.Settings;
import dev.resolvechain.observe.ChainState;
import dev.resolvechain.observe.Explanation;
import dev.resolvechain.observe.Json;
import dev.resolvechain.observe.RecentLookup;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a JVM under the agent says of itself to {@code status PID}, {@code recent PID} and
 * {@code explain NAME --pid PID}: from its own chain and {@link dev.resolvechain.observe.LookupLog}, as
 * text or one JSON object per line. The first line of each answer is the command's exit status.
 */
public final class JvmReport {
    /** Made at the first {@code recent}, not with the report at JVM start: java.time's formatting costs milliseconds to load. */
    private static final class Time {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    }

    private final JdkResolver resolver;
    private final Config config;
    private final Supplier<List<String>> resolvers;

    /**
     * @param config    the configuration the chain was built from, with where each value came from
     * @param resolvers the resolvers that go through the chain now: {@code InetAddress}, and {@code netty}, {@code dnsjava} once woven
     */
    public JvmReport(JdkResolver resolver, Config config, Supplier<List<String>> resolvers) {
        this.resolver = resolver;
        this.config = config;
        this.resolvers = resolvers;
    }

    /** The answer to a request: its lines are the command, {@code json} or {@code text}, then the command's arguments. */
    public String answer(List<String> request) {
        if (request.size() < 2) {
            return "2\nresolvechain: an empty request\n";
        }
        boolean json = request.get(1).equals("json");
        List<String> arguments = request.subList(2, request.size());
        try {
            return switch (request.get(0)) {
                case "status" -> "0\n" + status(json);
                case "recent" -> "0\n" + recent(json, arguments.size() > 0 && arguments.get(0).equals("failed"),
                        arguments.size() > 1 ? Long.parseLong(arguments.get(1)) : 0);
                case "explain" -> explain(json, arguments);
                case "problems" -> "0\n" + problems(json);
                default -> "2\nresolvechain: unknown request " + Quoted.of(request.get(0)) + "\n";
            };
        } catch (RuntimeException e) {
            return "2\nresolvechain: a request this JVM cannot answer: " + e + "\n"; // answered, so the command does not wait for nothing
        }
    }

    private String status(boolean json) {
        ResolveChain chain = resolver.chain();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("pid", ProcessHandle.current().pid());
        status.put("jdk", Runtime.version().toString());
        status.put("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
        status.put("resolvers", resolvers.get());
        status.put("configuration", configuration());
        status.put("chain", Explanation.chainConfig(chain));
        status.put("problems", ChainState.problems(chain));
        status.put("tierState", ChainState.tiers(chain));
        Map<String, Object> caches = new LinkedHashMap<>();
        ChainState.caches(chain).forEach((tier, figures) -> caches.put(tier, figures.toMap()));
        status.put("caches", caches);
        status.put("lookupCounts", resolver.log().counts());
        Map<String, Object> latency = new LinkedHashMap<>();
        resolver.log().latencyMicros().forEach((tier, micros) -> {
            Map<String, Object> percentiles = new LinkedHashMap<>();
            percentiles.put("p50Micros", micros[0]);
            percentiles.put("p99Micros", micros[1]);
            latency.put(tier, percentiles);
        });
        status.put("latency", latency);
        status.put("recentFailedOrSlow", resolver.log().recent(false, 0).size());
        status.put("nestedLookups", resolver.nestedLookups());
        if (json) {
            return Json.write(status) + "\n";
        }
        StringBuilder text = new StringBuilder();
        status.forEach((key, value) -> text.append(key).append(": ").append(value instanceof Map<?, ?> || value instanceof List<?>
                ? Json.write(value) : value).append('\n'));
        return text.toString();
    }

    /** One JSON array, or one line per problem. */
    private String problems(boolean json) {
        List<String> problems = ChainState.problems(resolver.chain());
        return json ? Json.write(problems) + "\n" : problems.stream().map(problem -> problem + "\n").collect(Collectors.joining());
    }

    /** Each key in force: its value, and where it came from ({@code default}, {@code agent argument}, a system property...). */
    private Map<String, Object> configuration() {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            Object value = config.get(setting);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", value instanceof Duration duration ? Durations.text(duration)
                    : value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : value == null ? null : String.valueOf(value));
            entry.put("source", config.source(setting));
            keys.put(setting.key(), entry);
        }
        return keys;
    }

    private String recent(boolean json, boolean failedOnly, long sinceMillis) {
        StringBuilder out = new StringBuilder();
        for (RecentLookup lookup : resolver.log().recent(failedOnly, sinceMillis)) {
            if (json) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("time", Instant.ofEpochMilli(lookup.epochMillis()).toString());
                entry.put("name", lookup.name());
                entry.put("resolver", lookup.resolver());
                entry.put("tier", lookup.tier());
                entry.put("outcome", lookup.outcome());
                entry.put("reason", lookup.reason());
                entry.put("micros", lookup.micros());
                out.append(Json.write(entry)).append('\n');
            } else {
                out.append(Time.FORMAT.format(Instant.ofEpochMilli(lookup.epochMillis()))).append("  ").append(lookup.name())
                        .append("  via ").append(lookup.resolver()).append("  ").append(lookup.tier()).append(' ').append(lookup.outcome())
                        .append(String.format(Locale.ROOT, "  %.3f ms  ", lookup.micros() / 1000.0)).append(lookup.reason()).append('\n');
            }
        }
        return out.toString();
    }

    private String explain(boolean json, List<String> names) {
        ResolveChain chain = resolver.chain();
        boolean allResolved = true;
        StringBuilder out = new StringBuilder();
        if (!json) {
            out.append("in JVM ").append(ProcessHandle.current().pid()).append(": ").append(Json.write(Explanation.chainConfig(chain))).append('\n');
        }
        for (String name : names) {
            InetAddress literal = IpLiteral.parse(name);
            Resolution resolution = literal == null ? chain.lookup(name, AddressPolicy.fromSystemProperties()) : chain.reverse(literal.getAddress());
            allResolved &= resolution.resolved();
            if (json) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", resolution.name());
                entry.put("pid", ProcessHandle.current().pid());
                entry.putAll(Explanation.json(resolution));
                entry.put("config", Explanation.chainConfig(chain));
                out.append(Json.write(entry)).append('\n');
            } else {
                out.append(Explanation.text(resolution)).append('\n');
            }
        }
        return (allResolved ? "0\n" : "1\n") + out;
    }
}
