package dev.resolvechain.cli;

import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.Claim;
import dev.resolvechain.alias.directory.AliasDirectory;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.Settings;
import dev.resolvechain.files.Problem;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code check}: the configuration and every alias file of every scope, each problem with file and line; names with several owners. */
final class CheckCommand {
    private CheckCommand() {
    }

    static int run(PrintStream out, Config config) {
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
