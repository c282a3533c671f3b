package dev.resolvechain.alias.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway's JSON as etcd 3.4 writes it, and what is not JSON. */
class EtcdJsonTest {

    @Test
    void anAnswerAsEtcdWritesIt() throws EtcdException {
        Map<String, Object> range = EtcdJson.object("{\"header\":{\"cluster_id\":\"14841639068965178418\",\"revision\":\"7\"},"
                + "\"kvs\":[{\"key\":\"L3JjL3dlYi0x\",\"mod_revision\":\"6\",\"value\":\"MTkyLjAuMi4xIHdlYgo=\"}],\"more\":true,\"count\":\"3\"}");

        assertEquals(7, EtcdJson.number(EtcdJson.child(range, "header"), "revision"));
        assertEquals("14841639068965178418", EtcdJson.child(range, "header").get("cluster_id"));
        List<Map<String, Object>> kvs = EtcdJson.children(range, "kvs");
        assertEquals("/rc/web-1", EtcdJson.text(kvs.get(0), "key"));
        assertEquals("192.0.2.1 web\n", EtcdJson.text(kvs.get(0), "value"));
        assertTrue(EtcdJson.flag(range, "more"));
        assertEquals(0, EtcdJson.number(range, "absent"), "etcd leaves out zeros");
        assertEquals(List.of(), EtcdJson.children(range, "events"), "and empty lists");
        assertEquals("", EtcdJson.text(range, "value"), "and empty values");
    }

    @Test
    void escapesNumbersAndLiterals() throws EtcdException {
        Map<String, Object> object = EtcdJson.object(" {\"a\":\"x\\\"\\\\\\/\\n\\u00e9\", \"b\": -1 , \"c\":[true,false,null,1.5e3], \"d\":{}}\n");
        assertEquals("x\"\\/\né", object.get("a"));
        assertEquals(-1, EtcdJson.number(object, "b"));
        assertEquals(java.util.Arrays.asList(true, false, null, "1.5e3"), object.get("c"));
        assertEquals(Map.of(), object.get("d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":tru}",
            "{} {}", "{\"a\":\"unterminated}", "<html>"})
    void whatIsNotOneObjectIsAnEtcdExceptionNamingWhere(String text) {
        EtcdException e = assertThrows(EtcdException.class, () -> EtcdJson.object(text));
        assertTrue(e.getMessage().startsWith("the answer is not"), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        EtcdException e = assertThrows(EtcdException.class, () -> EtcdJson.object(deep));
        assertTrue(e.getMessage().contains("nests deeper than 32"), e.getMessage());
    }

    @Test
    void fieldsOfTheWrongKindAreNamed() throws EtcdException {
        Map<String, Object> object = EtcdJson.object("{\"kvs\":\"x\",\"revision\":\"seven\",\"key\":\"***\"}");
        assertTrue(assertThrows(EtcdException.class, () -> EtcdJson.children(object, "kvs")).getMessage().contains("'kvs' is not a list"));
        assertTrue(assertThrows(EtcdException.class, () -> EtcdJson.number(object, "revision")).getMessage().contains("'revision' is not a whole number"));
        assertTrue(assertThrows(EtcdException.class, () -> EtcdJson.text(object, "key")).getMessage().contains("'key' is not base64"));
    }

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
}
