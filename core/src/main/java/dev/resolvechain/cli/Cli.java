package dev.resolvechain.cli;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Configured;
import dev.resolvechain.IpLiteral;
import dev.resolvechain.Resolution;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Step;
import dev.resolvechain.Tier;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.Claim;
import dev.resolvechain.alias.directory.AliasDirectory;
import dev.resolvechain.alias.directory.Registrations;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.ConfigException;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.config.Settings;
import dev.resolvechain.files.Problem;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commands that need no running JVM: {@code explain} and {@code check}. Configuration comes
 * from the same sources as the agent's, plus {@code --config FILE} and {@code key=value} arguments
 * (which rank as agent arguments).
 */
public final class Cli {
    public static final String USAGE = String.join("\n",
            "  explain NAME... [--json]   resolve each name (or address) through the chain, showing every step",
            "  check                      validate the configuration and every alias file; list names with several owners",
            "  register OWNER IP[,IP...] NAME... [--scope SCOPE]   write OWNER's registration (atomically)",
            "  heartbeat OWNER [--scope SCOPE]                     mark OWNER's registration as alive now",
            "  unregister OWNER [--scope SCOPE]                    remove OWNER's registration",
            "  options: --config FILE, key=value (any configuration key)");

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code command} with its arguments; returns the exit status. */
    public int run(String command, List<String> arguments) {
        Invocation invocation = Invocation.parse(arguments);
        if (invocation.error != null) {
            err.println("resolvechain: " + invocation.error);
            return 2;
        }
        Config config;
        try {
            config = ConfigLoader.fromSystem(invocation.settings);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> err.println("resolvechain: " + problem));
            return command.equals("check") ? 1 : 2;
        }
        switch (command) {
            case "explain":
                return explain(config, invocation.names, invocation.json);
            case "check":
                return check(config);
            case "register":
            case "heartbeat":
            case "unregister":
                return registration(command, config, invocation);
            default:
                err.println("resolvechain: unknown command '" + command + "'\n" + USAGE);
                return 2;
        }
    }

    private int explain(Config config, List<String> names, boolean json) {
        if (names.isEmpty()) {
            err.println("resolvechain: explain needs at least one NAME");
            return 2;
        }
        boolean allResolved = true;
        try (ResolveChain chain = ChainFactory.create(config, System.getenv())) {
            Map<String, Object> chainConfig = chainConfig(chain);
            if (!json) {
                out.println(describe(chainConfig));
            }
            AddressPolicy policy = AddressPolicy.fromSystemProperties();
            for (String name : names) {
                InetAddress literal = IpLiteral.parse(name);
                Resolution resolution = literal == null ? chain.lookup(name, policy) : chain.reverse(literal.getAddress());
                allResolved &= resolution.resolved();
                out.println(json ? Json.write(toJson(resolution, chainConfig)) : toText(resolution));
            }
        }
        return allResolved ? 0 : 1;
    }

    private int check(Config config) {
        List<Problem> problems = new ArrayList<>();
        if (config.isSet(Settings.ALIASES)) {
            AliasRegistry registry = new AliasRegistry();
            AliasDirectory everyScope = new AliasDirectory(config.get(Settings.ALIASES), null, registry, config.get(Settings.ALIASES_POLL));
            everyScope.refreshSettled(Duration.ofSeconds(2));
            problems.addAll(registry.problems());
            out.println("aliases: " + registry.owners().size() + " owners, " + registry.nameCount() + " names in "
                    + everyScope.location() + " (every scope)");
            for (Map.Entry<String, List<Claim>> shared : registry.claimedByMany().entrySet()) {
                out.println("shared: '" + shared.getKey() + "' is claimed by " + describeClaims(shared.getValue()));
            }
        } else {
            out.println("aliases: off (key 'aliases' is unset)");
        }
        for (Problem problem : problems) {
            out.println("problem: " + problem);
        }
        out.println(problems.isEmpty() ? "ok: no problems" : problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }

    private static String describeClaims(List<Claim> claims) {
        Map<String, List<String>> byOwner = new LinkedHashMap<>();
        for (Claim claim : claims) {
            byOwner.computeIfAbsent(claim.owner().label() + " (" + claim.owner().location() + ", modified "
                    + java.time.Instant.ofEpochMilli(claim.owner().refreshedMillis()) + ")", k -> new ArrayList<>())
                    .add(claim.address().getHostAddress());
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> owner : byOwner.entrySet()) {
            parts.add(owner.getKey() + ": " + String.join(", ", owner.getValue()));
        }
        return byOwner.size() + " owners: " + String.join("; ", parts);
    }

    private static Map<String, Object> chainConfig(ResolveChain chain) {
        Map<String, Object> config = new LinkedHashMap<>();
        List<String> tiers = new ArrayList<>();
        config.put("tiers", tiers);
        for (Tier tier : chain.tiers()) {
            tiers.add(tier.name());
            if (tier instanceof Configured configured) {
                config.putAll(configured.settings());
            }
        }
        config.put("lookupTimeoutMillis", chain.lookupTimeout().toMillis());
        return config;
    }

    private int registration(String command, Config config, Invocation invocation) {
        List<String> words = invocation.names;
        if (!config.isSet(Settings.ALIASES) || !java.nio.file.Files.isDirectory(config.get(Settings.ALIASES))) {
            err.println("resolvechain: " + command + " needs 'aliases' set to the alias source directory");
            return 2;
        }
        boolean register = command.equals("register");
        if (words.isEmpty() || (register && words.size() < 3) || (!register && words.size() > 1)) {
            err.println("resolvechain: usage:\n" + USAGE);
            return 2;
        }
        Registrations registrations = new Registrations(config.get(Settings.ALIASES));
        String owner = words.get(0);
        try {
            switch (command) {
                case "register":
                    out.println("registered: " + registrations.register(owner, invocation.scope,
                            List.of(words.get(1).split(",")), words.subList(2, words.size())));
                    return 0;
                case "heartbeat":
                    if (registrations.heartbeat(owner, invocation.scope)) {
                        return 0;
                    }
                    err.println("resolvechain: owner " + owner + " has no registration");
                    return 1;
                default:
                    out.println(registrations.unregister(owner, invocation.scope) ? "unregistered: " + owner
                            : "owner " + owner + " had no registration");
                    return 0;
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            err.println("resolvechain: " + command + " " + owner + ": " + e.getMessage());
            return 1;
        }
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

    private static Map<String, Object> toJson(Resolution resolution, Map<String, Object> chainConfig) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", resolution.name());
        json.put("reverse", resolution.reverse());
        List<String> addresses = new ArrayList<>();
        resolution.addresses().forEach(a -> addresses.add(a.getHostAddress()));
        json.put("addresses", addresses);
        json.put("hostName", resolution.hostName());
        json.put("answeredBy", resolution.answeredBy());
        json.put("micros", resolution.micros());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step step : resolution.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("tier", step.tier());
            s.put("outcome", step.outcome().label());
            s.put("detail", step.detail());
            s.put("micros", step.micros());
            steps.add(s);
        }
        json.put("steps", steps);
        if (!resolution.resolved()) {
            json.put("error", resolution.failureReason());
        }
        json.put("config", chainConfig);
        return json;
    }

    private static String toText(Resolution resolution) {
        StringBuilder text = new StringBuilder();
        text.append(resolution.name()).append('\n');
        if (resolution.resolved()) {
            String answer = resolution.reverse() ? resolution.hostName() : addresses(resolution);
            text.append("  answer: ").append(answer).append("  (by ").append(resolution.answeredBy())
                    .append(", ").append(millis(resolution.micros())).append(")\n");
        } else {
            text.append("  no answer: ").append(resolution.failureReason()).append("  (")
                    .append(millis(resolution.micros())).append(")\n");
        }
        int index = 1;
        for (Step step : resolution.steps()) {
            text.append(String.format(Locale.ROOT, "  %d. %-6s %-12s %9s  %s%n", index++, step.tier(),
                    step.outcome().label(), millis(step.micros()), step.detail()));
        }
        return text.toString().stripTrailing();
    }

    private static String addresses(Resolution resolution) {
        List<String> list = new ArrayList<>();
        resolution.addresses().forEach(a -> list.add(a.getHostAddress()));
        return String.join(", ", list);
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
    }

    /** The command line after the command: names, flags, and settings as an agent argument string. */
    private static final class Invocation {
        final List<String> names = new ArrayList<>();
        boolean json;
        String scope;
        String settings = "";
        String error;

        static Invocation parse(List<String> arguments) {
            Invocation invocation = new Invocation();
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                if (argument.equals("--json")) {
                    invocation.json = true;
                } else if (argument.equals("--config")) {
                    if (i + 1 == arguments.size()) {
                        invocation.error = "--config needs a FILE";
                        return invocation;
                    }
                    pairs.add(Settings.CONFIG.key() + "=" + arguments.get(++i));
                } else if (argument.equals("--scope") && i + 1 < arguments.size()) {
                    invocation.scope = arguments.get(++i);
                } else if (argument.startsWith("--config=")) {
                    pairs.add(Settings.CONFIG.key() + "=" + argument.substring("--config=".length()));
                } else if (argument.startsWith("-")) {
                    invocation.error = "unknown option " + argument;
                    return invocation;
                } else if (argument.contains("=")) {
                    pairs.add(argument);
                } else {
                    invocation.names.add(argument);
                }
            }
            invocation.settings = String.join(";", pairs);
            return invocation;
        }
    }
}
