package dev.resolvechain.dns;

import dev.resolvechain.AddressPolicy;
import dev.resolvechain.Query;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import dev.resolvechain.config.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last tier: the host's nameservers, asked as glibc's {@code res_search} asks them, with the
 * search list and {@code ndots} of resolv.conf. Nameservers given explicitly replace resolv.conf's
 * (like Docker's {@code --dns}); the fallback ones are used only when there is no other. A
 * nameserver that is the local discovery client is left out: the {@code local} tier asked it already.
 */
public final class DnsTier implements Tier {
    private static final Logger log = LoggerFactory.getLogger(DnsTier.class);

    private final ResolvConf conf;
    private final List<Endpoint> servers;
    /** Null when there is no server; then {@link #noServer} says why. */
    private final DnsLookup lookup;
    private final String noServer;

    public DnsTier(ResolvConf conf, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers, Endpoint localClient, DnsCache cache) {
        this.conf = conf;
        List<Endpoint> chosen = without(localClient, nameservers.isEmpty() ? conf.nameservers() : nameservers);
        if (chosen.isEmpty()) {
            chosen = without(localClient, fallbackNameservers);
        }
        this.servers = chosen;
        this.lookup = chosen.isEmpty() ? null : new DnsLookup(new DnsClient(chosen, conf.timeout(), conf.attempts(), conf.rotate()), cache);
        this.noServer = chosen.isEmpty() ? noServerReason(conf, nameservers, fallbackNameservers, localClient) : null;
    }

    /** The tier for the host configuration in {@code resolvConf}, with a cache of default bounds. */
    public static DnsTier create(Path resolvConf, List<Endpoint> nameservers, List<Endpoint> fallbackNameservers,
                                 Endpoint localClient, Map<String, String> env) {
        ResolvConf conf = ResolvConf.parse(resolvConf, env);
        conf.warnings().forEach(log::warn);
        return new DnsTier(conf, nameservers, fallbackNameservers, localClient, new DnsCache());
    }

    @Override
    public String name() {
        return "dns";
    }

    /** The servers asked, in order; empty when there is none. */
    public List<Endpoint> servers() {
        return servers;
    }

    @Override
    public Verdict resolve(Query query) {
        if (lookup == null) {
            return Verdict.fail(noServer);
        }
        if (query.reverse()) {
            return reverse(query);
        }
        AddressPolicy policy = query.policy();
        int[] types = DnsLookup.addressTypes(policy);
        List<DnsAnswers> notFound = new ArrayList<>();
        for (String candidate : candidates(query.name(), query.absolute())) {
            DnsAnswers answers = lookup.ask(candidate, types, query.deadline());
            switch (answers.status()) {
                case DATA -> {
                    return Verdict.answer(answers.addresses(policy), answers.describeData());
                }
                case FAILED -> {
                    return Verdict.fail("no answer for " + candidate + ": " + answers.problem()
                            + (notFound.isEmpty() ? "" : " (after " + describe(notFound) + ")"));
                }
                default -> notFound.add(answers);
            }
        }
        return Verdict.fail(describe(notFound));
    }

    private Verdict reverse(Query query) {
        DnsAnswers answers = lookup.ask(query.name(), DnsLookup.ptrType(), query.deadline());
        return switch (answers.status()) {
            case DATA -> Verdict.answerName(answers.hostName(), answers.describeData());
            case FAILED -> Verdict.fail("no answer for " + query.name() + ": " + answers.problem());
            default -> Verdict.fail(describe(List.of(answers)));
        };
    }

    /**
     * The names tried for {@code name}, in order, as {@code res_search} does: an absolute name as
     * is only; a name with at least {@code ndots} dots as is first, then under each search domain;
     * any other name under each search domain first, then as is.
     */
    List<String> candidates(String name, boolean absolute) {
        if (absolute || conf.search().isEmpty()) {
            return List.of(name);
        }
        List<String> candidates = new ArrayList<>(conf.search().size() + 1);
        boolean asIsFirst = dots(name) >= conf.ndots();
        if (asIsFirst) {
            candidates.add(name);
        }
        for (String domain : conf.search()) {
            candidates.add(name + "." + domain);
        }
        if (!asIsFirst) {
            candidates.add(name);
        }
        return candidates;
    }

    private static int dots(String name) {
        int dots = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                dots++;
            }
        }
        return dots;
    }

    /** {@code NXDOMAIN for web.corp, web; NODATA for web.example (from 127.0.0.1:5353)}. */
    private static String describe(List<DnsAnswers> notFound) {
        Map<DnsAnswer.Status, List<String>> names = new LinkedHashMap<>();
        Set<Endpoint> servers = new LinkedHashSet<>();
        for (DnsAnswers answers : notFound) {
            names.computeIfAbsent(answers.status(), status -> new ArrayList<>()).add(answers.describeName());
            servers.addAll(answers.servers());
        }
        String what = names.entrySet().stream()
                .map(entry -> entry.getKey() + " for " + String.join(", ", entry.getValue()))
                .collect(Collectors.joining("; "));
        return what + " (from " + servers.stream().map(Endpoint::toString).collect(Collectors.joining(", ")) + ")";
    }

    private static List<Endpoint> without(Endpoint localClient, List<Endpoint> servers) {
        return servers.stream().filter(server -> !server.equals(localClient)).toList();
    }

    private static String noServerReason(ResolvConf conf, List<Endpoint> nameservers, List<Endpoint> fallback, Endpoint localClient) {
        boolean skippedLocal = localClient != null
                && (conf.nameservers().contains(localClient) || nameservers.contains(localClient) || fallback.contains(localClient));
        String listed = conf.nameservers().isEmpty() ? "lists none" : "lists only " + conf.nameservers().stream().map(Endpoint::toString).collect(Collectors.joining(", "));
        return "no host nameserver: " + conf.source() + " " + listed
                + (nameservers.isEmpty() ? ", nameservers is unset" : ", nameservers is " + nameservers)
                + (fallback.isEmpty() ? " and fallbackNameservers is empty" : " and fallbackNameservers is " + fallback)
                + (skippedLocal ? " (the local client " + localClient + " is not asked twice: the local tier asked it already)" : "");
    }
}
