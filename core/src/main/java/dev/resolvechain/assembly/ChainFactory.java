package dev.resolvechain.assembly;

import dev.resolvechain.FastPath;
import dev.resolvechain.Log;
import dev.resolvechain.ResolveChain;
import dev.resolvechain.Tier;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasSource;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.alias.directory.AliasDirectory;
import dev.resolvechain.alias.etcd.EtcdGateway;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.Settings;
import dev.resolvechain.dns.DnsOptions;
import dev.resolvechain.dns.DnsTier;
import dev.resolvechain.dns.LocalClientNames;
import dev.resolvechain.files.WatchedFiles;
import dev.resolvechain.hosts.HostsTier;
import dev.resolvechain.local.LocalOptions;
import dev.resolvechain.local.LocalTier;
import dev.resolvechain.wire.DnsWarmUp;
import dev.resolvechain.wire.Endpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Builds the chain a configuration describes: alias, local, hosts, dns, leaving out the tiers that
 * are off. The only place that reads settings for the tiers: each tier takes its own plain options.
 */
public final class ChainFactory {
    private ChainFactory() {
    }

    /** The chain; should building a tier fail (even for want of memory), the tiers already built are closed. */
    public static ResolveChain create(Config config, Map<String, String> environment) {
        List<Tier> tiers = new ArrayList<>(4);
        try {
            FastPath fastPath = FastPath.NONE;
            AliasTier alias = null;
            MemberLookup members = null;
            if (config.isSet(Settings.ALIASES)) {
                members = new MemberLookup();
                alias = aliasTier(config, environment, members);
                tiers.add(alias);
                fastPath = alias; // the first tier: its plain answers are the chain's
            }
            Endpoint localClient = config.get(Settings.LOCAL);
            if (localClient != null) {
                tiers.add(new LocalTier(new LocalOptions(localClient, config.get(Settings.LOCAL_DOMAINS), config.get(Settings.LOCAL_TIMEOUT),
                        config.get(Settings.LOCAL_ON_DOWN), config.get(Settings.LOCAL_AWAIT_READY), config.get(Settings.LOCAL_STALE_TTL),
                        config.get(Settings.LOCAL_WARMUP))));
            }
            tiers.add(HostsTier.load(config.get(Settings.HOSTS_FILE), config.get(Settings.HOSTS_FILE_MAX_SIZE)));
            tiers.add(hostTier(config, environment));
            ResolveChain chain = new ResolveChain(tiers, config.get(Settings.LOOKUP_TIMEOUT), fastPath);
            if (alias != null) {
                members.use(chain);
                alias.start(); // after the hosts and dns tiers: an etcd member's host name is looked up through them
            }
            DnsWarmUp.inBackground();
            return chain;
        } catch (RuntimeException | Error e) {
            new ResolveChain(tiers, config.get(Settings.LOOKUP_TIMEOUT), FastPath.NONE).close();
            throw e;
        }
    }

    /** The dns tier: the host nameservers as the configuration and resolv.conf name them. */
    public static DnsTier hostTier(Config config, Map<String, String> environment) {
        Endpoint localClient = config.get(Settings.LOCAL);
        LocalClientNames askedLocally = localClient == null ? null : new LocalClientNames(localClient, config.get(Settings.LOCAL_DOMAINS));
        return DnsTier.create(new DnsOptions(config.get(Settings.RESOLV_CONF), DnsOptions.SYSTEMD_RESOLVED_UPSTREAM,
                config.get(Settings.NAMESERVERS), config.get(Settings.FALLBACK_NAMESERVERS), askedLocally, environment,
                config.get(Settings.DNS_STALE_TTL), WatchedFiles.DEFAULT_CHECK_EVERY, config.get(Settings.DNS_MAX_FAILS)));
    }

    /** The host nameservers of {@code chain}'s host tier, as they are at each call. */
    public static HostNameservers hostNameservers(ResolveChain chain) {
        for (Tier tier : chain.tiers()) {
            if (tier instanceof DnsTier dns) {
                return new HostNameservers() {
                    @Override
                    public List<InetSocketAddress> resolvConf() {
                        return socketAddresses(dns.conf().nameservers());
                    }

                    @Override
                    public List<InetSocketAddress> asked() {
                        return socketAddresses(dns.servers());
                    }
                };
            }
        }
        return HostNameservers.NONE;
    }

    private static List<InetSocketAddress> socketAddresses(List<Endpoint> endpoints) {
        List<InetSocketAddress> addresses = new ArrayList<>(endpoints.size());
        for (Endpoint endpoint : endpoints) {
            addresses.add(endpoint.socketAddress());
        }
        return addresses;
    }

    /** How the alias directory is read: {@code aliases.poll}, {@code aliases.maxFileSize}, {@code aliases.strictModes}. */
    public static AliasDirectory.Options aliasFiles(Config config) {
        return new AliasDirectory.Options(config.get(Settings.ALIASES_POLL), config.get(Settings.ALIASES_MAX_FILE_SIZE),
                config.get(Settings.ALIASES_STRICT_MODES));
    }

    /** The alias tier of the {@code aliases} source as this JVM sees it (its scopes), not started. */
    static AliasTier aliasTier(Config config, Map<String, String> environment, MemberLookup members) {
        AliasRegistry registry = new AliasRegistry();
        AliasSource source = AliasSources.create(config, new HashSet<>(config.get(Settings.ALIASES_SCOPES)), registry, environment, members);
        Duration ownerTtl = config.get(Settings.ALIASES_OWNER_TTL);
        if (AliasSources.isEtcd(config) && !ownerTtl.isZero()) {
            // an owner whose lease is kept alive sends no events: its age would grow and it would go stale while alive
            Log.warn("aliases.ownerTtl does not apply to an etcd source (leases end its registrations): ignored");
            ownerTtl = Duration.ZERO;
        }
        return new AliasTier(registry, source, ownerTtl, config.get(Settings.ALIASES_ORDER));
    }

    /** How the command line finds an etcd member named by a host name: through the hosts file and host nameservers it configures. */
    public static EtcdGateway.MemberAddresses memberAddresses(Config config, Map<String, String> environment) {
        MemberLookup members = new MemberLookup();
        members.use(new ResolveChain(List.of(HostsTier.load(config.get(Settings.HOSTS_FILE), config.get(Settings.HOSTS_FILE_MAX_SIZE)),
                hostTier(config, environment)), config.get(Settings.LOOKUP_TIMEOUT)));
        return members;
    }
}
