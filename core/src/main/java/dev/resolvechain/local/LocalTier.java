package dev.resolvechain.local;

import dev.resolvechain.Query;
import dev.resolvechain.Tier;
import dev.resolvechain.Verdict;
import dev.resolvechain.config.Endpoint;
import dev.resolvechain.dns.DnsAnswers;
import dev.resolvechain.dns.DnsCache;
import dev.resolvechain.dns.DnsClient;
import dev.resolvechain.dns.DnsLookup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The local discovery client's DNS server (for example a VIP client on 127.0.0.1:53), asked for the
 * names under its domains only, as written (no search list), once, within its own timeout. For an
 * explicit domain list it is authoritative: a name it does not know does not exist. With {@code *}
 * it is asked about every name, and a name it does not know is asked of the next tier.
 */
public final class LocalTier implements Tier {

    /** What a lookup does when the client does not answer (timeout, SERVFAIL, REFUSED, garbage). */
    public enum OnDown {
        /** Ask the next tier, as if the name were not under the client's domains. */
        FALLTHROUGH,
        /** End the lookup: the client's names are not found elsewhere. */
        FAIL
    }

    private static final String EVERY_NAME = "*";

    private final Endpoint client;
    private final List<String> domains;
    private final boolean everyName;
    private final OnDown onDown;
    private final DnsLookup lookup;

    /**
     * @param domains suffixes the client answers for, with or without dots, or {@code *} for every name
     * @param timeout how long the client is given per lookup (further capped by the lookup's deadline)
     */
    public LocalTier(Endpoint client, List<String> domains, Duration timeout, OnDown onDown, DnsCache cache) {
        this.client = client;
        this.domains = suffixes(domains);
        this.everyName = this.domains.contains(EVERY_NAME);
        this.onDown = onDown;
        this.lookup = new DnsLookup(new DnsClient(List.of(client), timeout, 1, false), cache);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Verdict resolve(Query query) {
        String domain = domainOf(query.name());
        if (domain == null) {
            return Verdict.fallthrough("not under local.domains (" + String.join(", ", domains) + ")");
        }
        int[] types = query.reverse() ? DnsLookup.ptrType() : DnsLookup.addressTypes(query.policy());
        DnsAnswers answers = lookup.ask(query.name(), types, query.deadline());
        return switch (answers.status()) {
            case DATA -> query.reverse()
                    ? Verdict.answerName(answers.hostName(), answers.describeData())
                    : Verdict.answer(answers.addresses(query.policy()), answers.describeData());
            case FAILED -> down(answers);
            case NXDOMAIN, NODATA -> notFound(answers, domain);
        };
    }

    private Verdict notFound(DnsAnswers answers, String domain) {
        String says = "local client " + client + " says " + answers.status() + " for " + answers.describeName();
        if (everyName) {
            return Verdict.fallthrough(says + " (local.domains is *: the next tier is asked)");
        }
        return Verdict.fail(says + " (final: " + domain + " is in local.domains)");
    }

    private Verdict down(DnsAnswers answers) {
        String detail = "local client " + client + " did not answer: " + answers.problem();
        return onDown == OnDown.FALLTHROUGH
                ? Verdict.fallthrough(detail + " (local.onDown=fallthrough: the next tier is asked)")
                : Verdict.fail(detail + " (local.onDown=fail)");
    }

    /** The suffix of {@code domains} that {@code name} is under, {@code *} for every name, or null. */
    String domainOf(String name) {
        if (everyName) {
            return EVERY_NAME;
        }
        for (String domain : domains) {
            if (name.length() == domain.length() ? name.equalsIgnoreCase(domain)
                    : name.length() > domain.length() && name.charAt(name.length() - domain.length() - 1) == '.'
                    && name.regionMatches(true, name.length() - domain.length(), domain, 0, domain.length())) {
                return domain;
            }
        }
        return null;
    }

    private static List<String> suffixes(List<String> domains) {
        List<String> suffixes = new ArrayList<>(domains.size());
        for (String domain : domains) {
            String suffix = domain.trim().toLowerCase(Locale.ROOT);
            int start = 0;
            int end = suffix.length();
            while (start < end && suffix.charAt(start) == '.') {
                start++;
            }
            while (end > start && suffix.charAt(end - 1) == '.') {
                end--;
            }
            if (end > start) {
                suffixes.add(suffix.substring(start, end));
            }
        }
        return List.copyOf(suffixes);
    }
}
