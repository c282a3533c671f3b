import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The JDK's java.net.http client to etcd's gateway: the same read. */
public class HttpClientClient {
    public static void main(String[] args) throws Exception {
        int before = Thread.activeCount();
        long start = System.nanoTime();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://" + args[0] + "/v3/kv/range"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"L3JjLw==\",\"range_end\":\"L3JjMA==\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Figures.print(start, before, answer.statusCode() == 200 ? 0 : -1);
    }
}
