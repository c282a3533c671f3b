package dev.resolvechain.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI written by openssl into a temporary directory: an EC P-256 CA, a server certificate for
 * 127.0.0.1 and a client certificate, each key PKCS#8 PEM. Shaped for etcd's gRPC gateway: the server certificate
 * also carries EKU clientAuth (the gateway dials its own member with it, and under {@code --client-cert-auth} every
 * gateway call fails without it), and the client certificate has an empty CN (with auth on, the gateway refuses a
 * client certificate that names one).
 *
 * <pre>{@code
 * try (TestPki pki = TestPki.create(); Etcd etcd = Etcd.single().tls(pki).start()) { ... }
 * }</pre>
 */
public final class TestPki implements AutoCloseable {

    private static final String LOG_FILE = "openssl.log";
    private static final char[] NO_PASSWORD = new char[0];

    private final Path directory;

    private TestPki(Path directory) {
        this.directory = directory;
    }

    /** Skips the calling test when openssl is not installed, or fails it in CI: see {@link Requirements}. */
    public static void requireOpenssl() {
        Requirements.requireCommand("openssl");
    }

    /** Writes a new CA, server and client certificate; throws with openssl's output if it cannot. */
    public static TestPki create() {
        TestPki pki;
        try {
            pki = new TestPki(Files.createTempDirectory("test-pki-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            pki.generate();
            return pki;
        } catch (RuntimeException e) {
            pki.close();
            throw e;
        }
    }

    public Path directory() {
        return directory;
    }

    public Path caCert() {
        return directory.resolve("ca.crt");
    }

    public Path serverCert() {
        return directory.resolve("server.crt");
    }

    public Path serverKey() {
        return directory.resolve("server.key");
    }

    public Path clientCert() {
        return directory.resolve("client.crt");
    }

    public Path clientKey() {
        return directory.resolve("client.key");
    }

    /** Trusts the CA and presents the client certificate. */
    public SSLContext clientContext() {
        return sslContext(caCert(), clientCert(), clientKey());
    }

    /** Trusts the CA and presents no certificate, as a client the server should refuse. */
    public SSLContext trustOnlyContext() {
        return sslContext(caCert(), null, null);
    }

    /**
     * A TLS context trusting the PEM certificates in {@code ca} that presents the PEM chain {@code cert} with the PKCS#8
     * PEM (EC or RSA) {@code key}, or no certificate when {@code cert} is null.
     */
    public static SSLContext sslContext(Path ca, Path cert, Path key) {
        try {
            KeyStore trusted = emptyKeyStore();
            List<Certificate> authorities = certificates(ca);
            for (int i = 0; i < authorities.size(); i++) {
                trusted.setCertificateEntry("ca" + i, authorities.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManager[] keyManagers = null;
            if (cert != null) {
                KeyStore own = emptyKeyStore();
                own.setKeyEntry("client", privateKey(key), NO_PASSWORD, certificates(cert).toArray(Certificate[]::new));
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(own, NO_PASSWORD);
                keyManagers = keys.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context from " + ca + ", " + cert + ", " + key, e);
        }
    }

    /** Deletes the directory with every key and certificate. */
    @Override
    public void close() {
        try {
            Trees.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "test PKI in " + directory;
    }

    private void generate() {
        newKey("ca");
        openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=resolvechain test CA", "-days", "2", "-out", "ca.crt");
        issue("server", "/CN=etcd", "serverAuth,clientAuth", "IP:127.0.0.1");
        issue("client", "/O=resolvechain", "clientAuth", null);
    }

    private void issue(String name, String subject, String extendedKeyUsage, String subjectAltName) {
        newKey(name);
        List<String> extensions = new ArrayList<>(List.of(
                "basicConstraints=CA:FALSE", "keyUsage=digitalSignature,keyEncipherment", "extendedKeyUsage=" + extendedKeyUsage));
        if (subjectAltName != null) {
            extensions.add("subjectAltName=" + subjectAltName);
        }
        try {
            Files.write(directory.resolve(name + ".ext"), extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("req", "-new", "-key", name + ".key", "-subj", subject, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", name + ".ext", "-out", name + ".crt");
    }

    private void newKey(String name) {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
    }

    private void openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Path log = directory.resolve(LOG_FILE);
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; its output:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private static List<Certificate> certificates(Path pem) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey privateKey(Path pem) throws GeneralSecurityException {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(Files.readString(pem).replaceAll("-----[A-Z ]+-----", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException notThisAlgorithm) {
                // the next one may read it
            }
        }
        throw new InvalidKeySpecException(pem + " holds no PKCS#8 EC or RSA key");
    }
}
