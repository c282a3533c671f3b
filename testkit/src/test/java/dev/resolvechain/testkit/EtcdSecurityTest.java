package dev.resolvechain.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EtcdSecurityTest {

    @BeforeEach
    void requireEtcd() {
        Etcd.requireInstalled();
    }

    @Test
    void aTlsMemberAnswersAClientWithItsCertificateOnly() {
        TestPki.requireOpenssl();
        try (TestPki pki = TestPki.create(); Etcd etcd = Etcd.single().tls(pki).start()) {
            etcd.put("k", "v");

            assertEquals("v", etcd.get("k"));
            assertTrue(etcd.member(0).toString().contains("https://"), etcd.member(0).toString());
            EtcdHttp withoutCertificate = new EtcdHttp(pki.trustOnlyContext());
            assertThrows(IOException.class, () -> withoutCertificate.post(etcd.member(0).clientPort(), "/v3/kv/range", "{\"key\":\"aw==\"}", null));
            assertTrue(etcd.member(0).log().contains("client didn't provide a certificate"), etcd.member(0).log());
        }
    }

    @Test
    void anAuthMemberRefusesARequestWithoutTokenAndTheHarnessAuthenticatesAgainAfterARestart() throws IOException {
        try (Etcd etcd = Etcd.single().auth("root", "pw").start()) {
            etcd.put("k", "v");

            EtcdHttp.Response anonymous = new EtcdHttp(null).post(etcd.member(0).clientPort(), "/v3/kv/range", "{\"key\":\"aw==\"}", null);
            assertEquals(400, anonymous.status());
            assertTrue(anonymous.body().contains("user name is empty"), anonymous.body());

            etcd.member(0).restart();
            assertEquals("v", etcd.get("k"));
        }
    }

    @Test
    void tlsAndAuthTogether() {
        TestPki.requireOpenssl();
        try (TestPki pki = TestPki.create(); Etcd etcd = Etcd.single().tls(pki).auth("root", "pw").start()) {
            etcd.put("k", "v");

            assertEquals("v", etcd.get("k"));
        }
    }
}
