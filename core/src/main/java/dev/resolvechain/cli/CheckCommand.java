package dev.resolvechain.cli;

import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasSource;
import dev.resolvechain.alias.Claim;
import dev.resolvechain.alias.directory.AliasDirectory;
import dev.resolvechain.assembly.AliasSources;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.Settings;
import dev.resolvechain.dns.DnsTier;
import dev.resolvechain.files.Problem;
import dev.resolvechain.wire.Endpoint;
import dev.resolvechain.wire.Nameservers;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code check}: the configuration and every alias file of every scope, each problem with file and
 * line; names with several owners; whether each host nameserver answers.
 */
final class CheckCommand {
    private CheckCommand() {
    }

    /** How long {@code check} waits for each nameserver. */
    private static final Duration NAMESERVER_PATIENCE = Duration.ofSeconds(1);

    static int run(PrintStream out, Config config) {
        List<Problem> problems = new ArrayList<>();
        if (config.isSet(Settings.ALIASES)) {
            AliasRegistry registry = new AliasRegistry();
            String location;
            try (AliasSource everyScope = AliasSources.create(config, null, registry, System.getenv(),
                    ChainFactory.memberAddresses(config, System.getenv()))) {
                if (everyScope instanceof AliasDirectory directory) {
                    directory.refreshSettled(Duration.ofSeconds(2)); // also files still being written
                } else {
                    everyScope.load();
                }
                location = everyScope.location();
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("aliases", 0, e.getMessage()));
                location = config.get(Settings.ALIASES);
            }
            problems.addAll(registry.problems());
            out.println("aliases: " + registry.owners().size() + " owners, " + registry.nameCount() + " names in "
                    + location + " (every scope)");
            for (Map.Entry<String, List<Claim>> shared : registry.claimedByMany().entrySet()) {
                out.println("shared: '" + shared.getKey() + "' is claimed by " + describeClaims(shared.getValue()));
            }
        } else {
            out.println("aliases: off (key 'aliases' is unset)");
        }
        try (DnsTier hosts = ChainFactory.hostTier(config, System.getenv())) {
            for (Endpoint server : hosts.servers()) {
                long start = System.nanoTime();
                Nameservers.Probe probe = Nameservers.probe(server, NAMESERVER_PATIENCE.toNanos());
                if (probe.answered()) {
                    out.println("nameserver " + server + ": answers (" + (probe.serves() ? "" : probe.rcodeName() + " to '. NS', ")
                            + (System.nanoTime() - start) / 100_000 / 10.0 + " ms)");
                } else {
                    problems.add(new Problem("nameserver " + server, 0, probe.problem()));
                }
            }
            if (hosts.servers().isEmpty()) {
                out.println("nameservers: none (" + hosts.conf().source() + " lists none, and no nameservers or fallbackNameservers are set)");
            }
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
                    + Instant.ofEpochMilli(claim.owner().refreshedMillis()) + ")", k -> new ArrayList<>())
                    .add(claim.address().getHostAddress());
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> owner : byOwner.entrySet()) {
            parts.add(owner.getKey() + ": " + String.join(", ", owner.getValue()));
        }
        return byOwner.size() + " owners: " + String.join("; ", parts);
    }
}
