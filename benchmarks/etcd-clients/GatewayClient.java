import dev.resolvechain.alias.etcd.EtcdAccess;
import dev.resolvechain.alias.etcd.EtcdGateway;
import dev.resolvechain.alias.etcd.EtcdLocation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** resolvechain's own client of etcd's gateway (HTTP/1.1 over a socket): the same read. */
public class GatewayClient {
    public static void main(String[] args) throws Exception {
        int before = Thread.activeCount();
        long start = System.nanoTime();
        EtcdGateway gateway = new EtcdGateway(EtcdLocation.parse("etcd://" + args[0] + "/rc"), EtcdAccess.NONE,
                EtcdGateway.MemberAddresses.LITERALS_ONLY);
        Map<String, Object> answer = gateway.call("kv/range", Map.of("key", b64("/rc/"), "range_end", b64("/rc0")));
        Figures.print(start, before, answer.containsKey("kvs") ? -1 : 0);
        gateway.close();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
