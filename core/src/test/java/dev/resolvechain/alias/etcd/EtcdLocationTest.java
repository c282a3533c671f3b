package dev.resolvechain.alias.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EtcdLocationTest {

    @Test
    void membersAndPrefixAsWritten() {
        EtcdLocation location = EtcdLocation.parse("etcd://127.0.0.1:2379, [::1]:2380 ,etcd-1.internal:32379/resolvechain/aliases/");

        assertEquals(List.of(new EtcdLocation.Member("127.0.0.1", 2379), new EtcdLocation.Member("::1", 2380),
                new EtcdLocation.Member("etcd-1.internal", 32379)), location.members());
        assertEquals("/resolvechain/aliases", location.prefix());
        assertEquals("/resolvechain/aliases/", location.keyPrefix());
        assertEquals("/resolvechain/aliases0", location.rangeEnd());
        assertTrue(location.keyPrefix().compareTo(location.rangeEnd()) < 0);
        assertEquals("etcd://127.0.0.1:2379,[::1]:2380,etcd-1.internal:32379/resolvechain/aliases", location.toString());
        assertEquals(location, EtcdLocation.parse(location.toString()), "printed as it parses");
    }

    @Test
    void onlyEtcdUrlsAreEtcd() {
        assertTrue(EtcdLocation.isEtcd("ETCD://127.0.0.1:2379/a"));
        assertFalse(EtcdLocation.isEtcd("/srv/aliases"));
        assertFalse(EtcdLocation.isEtcd("etcd:/srv"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/srv/aliases|is not an etcd location",
        "etcd://127.0.0.1:2379|names no prefix",
        "etcd://127.0.0.1:2379/|names no prefix",
        "etcd:///aliases|names an empty member",
        "etcd://127.0.0.1:2379,,127.0.0.2:2379/a|names an empty member",
        "etcd://127.0.0.1/a|is not HOST:PORT",
        "etcd://::1:2379/a|is not HOST:PORT",
        "etcd://[::1]/a|is not [IPv6]:PORT",
        "etcd://[127.0.0.1]:2379/a|has no IPv6 address",
        "etcd://127.0.0.1:0/a|not one from 1 to 65535",
        "etcd://127.0.0.1:65536/a|not one from 1 to 65535",
        "etcd://127.0.0.1:+80/a|not one from 1 to 65535",
        "etcd://host_name:2379/a|neither an IP address nor a host name",
        "etcd://-bad:2379/a|neither an IP address nor a host name",
        "etcd://127.0.0.1:2379,127.0.0.1:2379/a|twice",
        "etcd://127.0.0.1:2379/a b|control character or space",
        "etcd://127.0.0.1:2379/a?x=1|'?'",
        "etcd://127.0.0.1:2379/a//b|empty part",
    })
    void badLocationsAreRefusedSayingWhy(String text, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EtcdLocation.parse(text));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
        assertTrue(refused.getMessage().contains("'" + text + "'"), "names what it read: " + refused.getMessage());
    }
}
