package dev.resolvechain.alias.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strings as the gateway writes them: most without an escape (base64, numbers as text), some with. */
class EtcdJsonTest {

    @Test
    void stringsWithAndWithoutEscapesReadTheSame() throws EtcdException {
        Map<String, Object> read = EtcdJson.object("{\"plain\":\"L3JjL2FsaWFzZXMvd2ViLTE=\",\"empty\":\"\",\"quoted\":\"a\\\"b\","
                + "\"late\":\"abc\\\\def\\nghi\",\"unicode\":\"caf\\u00e9 \\/ x\"}");

        assertEquals("L3JjL2FsaWFzZXMvd2ViLTE=", read.get("plain"));
        assertEquals("", read.get("empty"));
        assertEquals("a\"b", read.get("quoted"));
        assertEquals("abc\\def\nghi", read.get("late"), "the text before the first escape is kept");
        assertEquals("caf\u00e9 / x", read.get("unicode"));
    }

    @Test
    void anUnterminatedStringIsAProblemWithOrWithoutAnEscape() {
        assertThrows(EtcdException.class, () -> EtcdJson.object("{\"a\":\"no end"));
        assertThrows(EtcdException.class, () -> EtcdJson.object("{\"a\":\"no \\\"end"));
    }
}
