package dev.resolvechain.assembly;

import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasSource;
import dev.resolvechain.alias.directory.AliasDirectory;
import dev.resolvechain.alias.etcd.EtcdAccess;
import dev.resolvechain.alias.etcd.EtcdAliasSource;
import dev.resolvechain.alias.etcd.EtcdGateway;
import dev.resolvechain.alias.etcd.EtcdLocation;
import dev.resolvechain.config.Config;
import dev.resolvechain.config.Settings;
import dev.resolvechain.files.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/** The alias source {@code aliases} names: a directory (or file) of owner files, or an etcd prefix. */
public final class AliasSources {
    private AliasSources() {
    }

    /** Whether {@code aliases} is set to an etcd location. */
    public static boolean isEtcd(Config config) {
        return config.isSet(Settings.ALIASES) && EtcdLocation.isEtcd(config.get(Settings.ALIASES));
    }

    /**
     * The source, not started. {@code scopes}: those seen besides the unscoped owners, null: every
     * scope; {@code members}: how an etcd member named by a host name is found.
     *
     * @throws IllegalArgumentException naming the key whose file cannot be used
     */
    public static AliasSource create(Config config, Set<String> scopes, AliasRegistry registry, Map<String, String> environment,
                                     EtcdGateway.MemberAddresses members) {
        String aliases = config.get(Settings.ALIASES);
        if (!EtcdLocation.isEtcd(aliases)) {
            return new AliasDirectory(Path.of(aliases), scopes, registry, ChainFactory.aliasFiles(config));
        }
        EtcdGateway gateway = etcd(config, members);
        Path snapshot = config.isSet(Settings.ALIASES_SNAPSHOT) ? config.get(Settings.ALIASES_SNAPSHOT)
                : EtcdAliasSource.defaultSnapshot(gateway.location(), environment);
        return new EtcdAliasSource(gateway, scopes, registry, scopes == null ? null : snapshot, config.get(Settings.LOOKUP_TIMEOUT));
    }

    /** A gateway to the etcd cluster {@code aliases} names, with its TLS and user. */
    public static EtcdGateway etcd(Config config, EtcdGateway.MemberAddresses members) {
        EtcdLocation location = EtcdLocation.parse(config.get(Settings.ALIASES));
        String reading = "aliases.etcd.ca, aliases.etcd.cert, aliases.etcd.key";
        try {
            SSLContext tls = null;
            if (config.isSet(Settings.ALIASES_ETCD_CA) || config.isSet(Settings.ALIASES_ETCD_CERT)) {
                tls = EtcdAccess.tls(config.get(Settings.ALIASES_ETCD_CA), config.get(Settings.ALIASES_ETCD_CERT),
                        config.get(Settings.ALIASES_ETCD_KEY));
            }
            String user = config.get(Settings.ALIASES_ETCD_USER);
            String password = null;
            if (user != null) {
                reading = Settings.ALIASES_ETCD_PASSWORD_FILE.key();
                if (!config.isSet(Settings.ALIASES_ETCD_PASSWORD_FILE)) {
                    throw new IOException("aliases.etcd.user is set, but not the file of its password");
                }
                password = TextFiles.read(config.get(Settings.ALIASES_ETCD_PASSWORD_FILE), "password file", TextFiles.SMALL_FILE_CAP, StandardCharsets.UTF_8)
                        .lines().findFirst().orElse("");
            }
            return new EtcdGateway(location, new EtcdAccess(tls, user, password), members);
        } catch (IOException e) {
            throw new IllegalArgumentException(reading + ": " + e.getMessage(), e);
        }
    }
}
