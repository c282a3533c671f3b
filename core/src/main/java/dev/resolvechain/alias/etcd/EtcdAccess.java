package dev.resolvechain.alias.etcd;

import dev.resolvechain.files.TextFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How this JVM proves itself to etcd and checks etcd: TLS (null: plain HTTP), and the user and
 * password of etcd's own authentication (null: none). Built from PEM files, as etcd's own tools take
 * them: the CA's certificates, a client certificate and its PKCS#8 key. Every refusal names the file.
 */
public record EtcdAccess(SSLContext tls, String user, String password) {
    public static final EtcdAccess NONE = new EtcdAccess(null, null, null);
    private static final char[] NO_PASSWORD = new char[0];
    private static final String[] KEY_ALGORITHMS = {"EC", "RSA", "Ed25519", "EdDSA"};

    @Override
    public String toString() {
        return "EtcdAccess[tls=" + (tls != null) + ", user=" + user + "]"; // never the password
    }

    /**
     * TLS trusting {@code ca} (null: the JDK's own trust store), presenting {@code certificate} with
     * {@code key} when both are given.
     */
    public static SSLContext tls(Path ca, Path certificate, Path key) throws IOException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (ca == null) {
                trust.init((KeyStore) null);
            } else {
                KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                int index = 0;
                for (Certificate anchor : certificates(ca)) {
                    anchors.setCertificateEntry("ca-" + index++, anchor);
                }
                trust.init(anchors);
            }
            KeyManagerFactory keys = null;
            if (certificate != null || key != null) {
                if (certificate == null || key == null) {
                    throw new IOException("a client certificate needs its key, and a key its certificate: set both aliases.etcd.cert and aliases.etcd.key");
                }
                KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
                identity.load(null, null);
                identity.setKeyEntry("client", privateKey(key), NO_PASSWORD, certificates(certificate).toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS for etcd cannot be set up: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException {
        String pem = TextFiles.read(file, "certificate file", TextFiles.SMALL_FILE_CAP, StandardCharsets.US_ASCII);
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IOException(file + " holds no PEM certificate");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " holds no certificate that can be read (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String pem = TextFiles.read(file, "key file", TextFiles.SMALL_FILE_CAP, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + " holds no PKCS#8 key ('-----BEGIN PRIVATE KEY-----'); convert one with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " holds a key that is not base64");
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // the next algorithm
            }
        }
        throw new IOException(file + " holds a key that is none of " + String.join(", ", KEY_ALGORITHMS));
    }
}
