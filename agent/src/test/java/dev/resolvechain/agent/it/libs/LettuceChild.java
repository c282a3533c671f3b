package dev.resolvechain.agent.it.libs;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code LettuceChild PORT NAME...}: PINGs {@code redis://NAME:PORT} with a Lettuce client of default
 * client resources, whose resolver is Netty's DnsNameResolver; the address is the one the server
 * says it was reached at ({@code CLIENT INFO}'s {@code laddr}).
 */
public final class LettuceChild {
    private static final Pattern LOCAL_ADDRESS = Pattern.compile("\\bladdr=(\\S+):\\d+\\b");

    private LettuceChild() {
    }

    public static void main(String[] arguments) {
        String port = arguments[0];
        Targets.reachEach(List.of(arguments).subList(1, arguments.length), name -> {
            RedisClient client = RedisClient.create("redis://" + name + ":" + port);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> commands = connection.sync();
                String pong = commands.ping();
                if (!"PONG".equals(pong)) {
                    throw new IllegalStateException("PING answered " + pong);
                }
                String info = commands.clientInfo();
                Matcher localAddress = LOCAL_ADDRESS.matcher(info);
                if (!localAddress.find()) {
                    throw new IllegalStateException("CLIENT INFO has no laddr: " + info);
                }
                return localAddress.group(1);
            }
        });
    }
}
