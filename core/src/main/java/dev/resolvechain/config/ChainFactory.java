package dev.resolvechain.config;

import dev.resolvechain.ResolveChain;
import dev.resolvechain.Tier;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasSource;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.dns.DnsOptions;
import dev.resolvechain.dns.DnsClient;
import dev.resolvechain.dns.DnsTier;
import dev.resolvechain.hosts.HostsTier;
import dev.resolvechain.local.LocalOptions;
import dev.resolvechain.local.LocalTier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Builds the chain a configuration describes: alias, local, hosts, dns, leaving out the tiers that are off. */
public final class ChainFactory {
    private ChainFactory() {
    }

    public static ResolveChain create(Config config, Map<String, String> environment) {
        List<Tier> tiers = new ArrayList<>(4);
        if (config.isSet(Settings.ALIASES)) {
            AliasRegistry registry = new AliasRegistry(new AliasSource(config.get(Settings.ALIASES)),
                    new HashSet<>(config.get(Settings.ALIASES_SCOPES)));
            tiers.add(new AliasTier(registry, config.get(Settings.ALIASES_OWNER_TTL),
                    config.get(Settings.ALIASES_ORDER) == AliasOrder.SHUFFLE).watch(config.get(Settings.ALIASES_POLL)));
        }
        Endpoint localClient = config.get(Settings.LOCAL);
        if (localClient != null) {
            tiers.add(new LocalTier(new LocalOptions(localClient, config.get(Settings.LOCAL_DOMAINS), config.get(Settings.LOCAL_TIMEOUT),
                    config.get(Settings.LOCAL_ON_DOWN), config.get(Settings.LOCAL_AWAIT_READY), config.get(Settings.LOCAL_STALE_TTL),
                    config.get(Settings.LOCAL_WARMUP))));
        }
        tiers.add(HostsTier.load(config.get(Settings.HOSTS_FILE)));
        tiers.add(DnsTier.create(DnsOptions.of(config.get(Settings.RESOLV_CONF), config.get(Settings.NAMESERVERS),
                config.get(Settings.FALLBACK_NAMESERVERS), localClient, environment).withStaleTtl(config.get(Settings.DNS_STALE_TTL))));
        DnsClient.warmUpInBackground();
        return new ResolveChain(tiers, config.get(Settings.LOOKUP_TIMEOUT));
    }
}
