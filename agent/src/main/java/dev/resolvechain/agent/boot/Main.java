package dev.resolvechain.agent.boot;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/** {@code java -jar resolvechain-agent.jar COMMAND ...}: hands over to the agent's commands in its own class loader. */
public final class Main {
    private static final String COMMANDS = "dev.resolvechain.agent.AgentCommands";

    private Main() {
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        try {
            AgentClassLoader.get().loadClass(COMMANDS).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
