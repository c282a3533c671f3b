package dev.resolvechain.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.testkit.jvm.ChainFiles;
import dev.resolvechain.testkit.jvm.Jdk;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@code java.net.http.HttpClient} reaches a server by an alias name. */
class HttpClientIT {
    @TempDir
    Path dir;

    @OnBothJdks
    void getByAlias(Jdk jdk) {
        ChainFiles files = new ChainFiles(dir).alias("shop.hosts", "127.0.0.1 shop-frontend");

        ScriptResult result = TestJvm.on(jdk, files).withAgent().script("http:shop-frontend").succeeded();

        String response = result.answer("http:shop-frontend");
        assertTrue(response.startsWith("200 hello; Host=shop-frontend:"), response);
    }
}
