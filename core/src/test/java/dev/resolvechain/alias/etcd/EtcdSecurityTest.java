package dev.resolvechain.alias.etcd;

import static dev.resolvechain.alias.directory.AliasFiles.answer;
import static dev.resolvechain.alias.directory.AliasFiles.awaitMillis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.ResolveChain;
import dev.resolvechain.alias.AliasOrder;
import dev.resolvechain.alias.AliasRegistry;
import dev.resolvechain.alias.AliasTier;
import dev.resolvechain.assembly.ChainFactory;
import dev.resolvechain.config.ConfigLoader;
import dev.resolvechain.testkit.Etcd;
import dev.resolvechain.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etcd over TLS with client certificates and etcd's own users; member host names found without the chain they feed. */
class EtcdSecurityTest {
    private static TestPki pki;
    private static Etcd etcd;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Etcd.requireInstalled();
        TestPki.requireOpenssl();
        pki = TestPki.create();
        etcd = Etcd.single().tls(pki).auth("root", "s3cret").start();
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
        if (pki != null) {
            pki.close();
        }
    }

    private static EtcdLocation location() {
        return EtcdLocation.parse("etcd://127.0.0.1:" + etcd.member(0).clientPort() + "/secure");
    }

    private static EtcdGateway gateway(SSLContext tls, String password) {
        return new EtcdGateway(location(), new EtcdAccess(tls, "root", password), EtcdGateway.MemberAddresses.LITERALS_ONLY);
    }

    @Test
    void aClientCertificateAndAUserReadAndFollow() throws IOException {
        SSLContext tls = EtcdAccess.tls(pki.caCert(), pki.clientCert(), pki.clientKey());
        new EtcdRegistrations(gateway(tls, "s3cret")).register("web-1", null, List.of("192.0.2.1"), List.of("web"), Duration.ofSeconds(60));
        AliasRegistry registry = new AliasRegistry();
        try (AliasTier tier = new AliasTier(registry, new EtcdAliasSource(gateway(tls, "s3cret"), Set.of(), registry, null), Duration.ZERO,
                AliasOrder.FILE).start()) {
            assertEquals(List.of("192.0.2.1"), answer(tier, "web"));
            new EtcdRegistrations(gateway(tls, "s3cret")).register("web-1", null, List.of("192.0.2.2"), List.of("web"), Duration.ofSeconds(60));
            awaitMillis(Duration.ofSeconds(5), () -> answer(tier, "web").equals(List.of("192.0.2.2")), () -> "web: " + answer(tier, "web"));
        }
    }

    @Test
    void aWatchResumedAfterItsTokenWasForgottenAuthenticatesAgain() throws Exception {
        SSLContext tls = EtcdAccess.tls(pki.caCert(), pki.clientCert(), pki.clientKey());
        EtcdRegistrations registrations = new EtcdRegistrations(gateway(tls, "s3cret"));
        registrations.register("api-1", null, List.of("192.0.2.11"), List.of("api"), Duration.ofSeconds(600));
        AliasRegistry registry = new AliasRegistry();
        try (AliasTier tier = new AliasTier(registry, new EtcdAliasSource(gateway(tls, "s3cret"), Set.of(), registry, null), Duration.ZERO,
                AliasOrder.FILE).start()) {
            assertEquals(List.of("192.0.2.11"), answer(tier, "api"));
            etcd.member(0).restart(); // a restarted member has forgotten every token
            registrations.register("api-1", null, List.of("192.0.2.12"), List.of("api"), Duration.ofSeconds(600));
            awaitMillis(Duration.ofSeconds(10), () -> answer(tier, "api").equals(List.of("192.0.2.12")),
                    () -> "api: " + answer(tier, "api") + "; problems " + registry.problems());
        }
    }

    @Test
    void aWrongPasswordAnUntrustedMemberOrNoCertificateIsRefusedSayingWhy() throws IOException {
        SSLContext tls = EtcdAccess.tls(pki.caCert(), pki.clientCert(), pki.clientKey());
        EtcdException password = assertThrows(EtcdException.class, () -> gateway(tls, "wrong").call("kv/range", Map.of("key", "AA==")));
        assertTrue(password.getMessage().contains("user root could not authenticate") && password.getMessage().contains("invalid user ID or password"),
                password.getMessage());

        Path otherCa = Files.writeString(dir.resolve("other-ca.pem"), Files.readString(pki.clientCert())); // a certificate, but not the CA
        SSLContext untrusting = EtcdAccess.tls(otherCa, pki.clientCert(), pki.clientKey());
        EtcdException untrusted = assertThrows(EtcdException.class, () -> gateway(untrusting, "s3cret").call("kv/range", Map.of("key", "AA==")));
        assertTrue(untrusted.getMessage().contains("no member of " + location() + " answered") && untrusted.getMessage().contains("SSLHandshakeException"),
                untrusted.getMessage());

        SSLContext anonymous = EtcdAccess.tls(pki.caCert(), null, null);
        EtcdException noCertificate = assertThrows(EtcdException.class, () -> gateway(anonymous, "s3cret").call("kv/range", Map.of("key", "AA==")));
        assertTrue(noCertificate.getMessage().contains("no member of"), noCertificate.getMessage());
    }

    @Test
    void filesThatAreNotWhatTheyShouldBeAreNamed() throws IOException {
        Path sec1 = Files.writeString(dir.resolve("sec1.key"), "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");
        IOException notPkcs8 = assertThrows(IOException.class, () -> EtcdAccess.tls(pki.caCert(), pki.clientCert(), sec1));
        assertTrue(notPkcs8.getMessage().contains(sec1 + " holds no PKCS#8 key") && notPkcs8.getMessage().contains("openssl pkcs8"), notPkcs8.getMessage());

        IOException noCerts = assertThrows(IOException.class, () -> EtcdAccess.tls(pki.clientKey(), null, null));
        assertTrue(noCerts.getMessage().contains(pki.clientKey().toString()), noCerts.getMessage());

        IOException half = assertThrows(IOException.class, () -> EtcdAccess.tls(pki.caCert(), pki.clientCert(), null));
        assertTrue(half.getMessage().contains("set both aliases.etcd.cert and aliases.etcd.key"), half.getMessage());

        Path fifo = dir.resolve("ca.fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start();
        awaitMillis(Duration.ofSeconds(5), () -> Files.exists(fifo), () -> "no fifo");
        IOException refused = assertThrows(IOException.class, () -> EtcdAccess.tls(fifo, null, null));
        assertTrue(refused.getMessage().contains("FIFO"), refused.getMessage());
    }

    @Test
    void theChainsSettingsReachTheSourceAndAMemberNamedByHostNameIsFoundInTheHostsFile() throws Exception {
        SSLContext tls = EtcdAccess.tls(pki.caCert(), pki.clientCert(), pki.clientKey());
        new EtcdRegistrations(gateway(tls, "s3cret")).register("db-1", null, List.of("192.0.2.7"), List.of("db"), Duration.ofSeconds(60));
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 etcd-1.test\n");
        Path resolvConf = Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
        Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
        String settings = "aliases=etcd://etcd-1.test:" + etcd.member(0).clientPort() + "/secure;hostsFile=" + hosts + ";resolvConf=" + resolvConf
                + ";nameservers=127.0.0.1:9;aliases.etcd.ca=" + pki.caCert() + ";aliases.etcd.cert=" + pki.clientCert()
                + ";aliases.etcd.key=" + pki.clientKey() + ";aliases.etcd.user=root;aliases.etcd.passwordFile=" + password
                + ";aliases.snapshot=" + dir.resolve("snapshot");
        try (ResolveChain chain = ChainFactory.create(ConfigLoader.load(settings, Map.of(), Map.of()), Map.of())) {
            String problems = ((AliasTier) chain.tiers().get(0)).registry().problems().toString();
            // found in the hosts file (a TLS handshake happened), and the certificate, which names 127.0.0.1 only, refused for the name written
            assertTrue(problems.contains("etcd-1.test") && problems.contains("does the member's certificate name it as written?") && problems.contains("No name matching etcd-1.test found"), problems);
        }
        String byAddress = settings.replace("etcd-1.test:", "127.0.0.1:");
        try (ResolveChain chain = ChainFactory.create(ConfigLoader.load(byAddress, Map.of(), Map.of()), Map.of())) {
            assertEquals("192.0.2.7", chain.lookup("db", dev.resolvechain.AddressPolicy.IPV4_FIRST).addresses().get(0).getHostAddress());
        }
    }
}
