import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;

/** jetcd 0.8.5: one prefix read, as the alias source's first load does. Prints the figures EtcdClients reads. */
public class JetcdClient {
    public static void main(String[] args) throws Exception {
        int before = Thread.activeCount();
        long start = System.nanoTime();
        Client client = Client.builder().endpoints("http://" + args[0]).build();
        int keys = client.getKVClient().get(ByteSequence.from("/rc/", StandardCharsets.UTF_8), GetOption.builder().isPrefix(true).build())
                .get().getKvs().size();
        Figures.print(start, before, keys);
        client.close();
    }
}
