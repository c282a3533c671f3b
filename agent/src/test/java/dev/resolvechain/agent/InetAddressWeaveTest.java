package dev.resolvechain.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolvechain.agent.boot.Agent;
import dev.resolvechain.agent.boot.ResolveChainAgent;
import dev.resolvechain.agent.fixture.WithInitialiser;
import dev.resolvechain.agent.fixture.WithoutInitialiser;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/** The call woven at the end of a static initialiser: it verifies, runs after the class's own work, and reaches the agent. */
class InetAddressWeaveTest {

    @Test
    void theWovenInitialiserDoesItsOwnWorkThenTellsTheAgent() throws Exception {
        byte[] woven = InetAddressWeave.weave(classFile(WithInitialiser.class));
        String name = WithInitialiser.class.getName();
        Class<?> defined = new DefiningLoader(InetAddressWeaveTest.class.getClassLoader(), name, woven).loadClass(name);
        List<String> told = new ArrayList<>();
        ResolveChainAgent.handOver(new Agent() {
            @Override
            public void install(String arguments, Instrumentation instrumentation, boolean attached) {
                throw new AssertionError("not called");
            }

            @Override
            public Object installed() {
                return null;
            }

            @Override
            public void inetAddressReady() {
                try {
                    // the class is still initialising, on this thread: its own work is done
                    told.add("ready after " + defined.getField("STEPS").get(null));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        });
        try {
            Class.forName(name, true, defined.getClassLoader()); // defined in a loader of its own: verified
        } finally {
            ResolveChainAgent.handOver(null);
        }
        assertEquals(List.of("ready after [own initialiser]"), told);
    }

    @Test
    void theJdksInetAddressGetsTheCallAtEachReturnOfItsInitialiser() throws IOException {
        byte[] original;
        try (InputStream in = Object.class.getResourceAsStream("/java/net/InetAddress.class")) {
            original = in.readAllBytes();
        }
        byte[] woven = InetAddressWeave.weave(original);
        List<String> calls = new ArrayList<>();
        int[] returns = new int[1];
        new ClassReader(woven).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (!name.equals("<clinit>")) {
                    if (name.equals("resolvechain$ready")) {
                        calls.add("method " + descriptor + ((access & Opcodes.ACC_STATIC) != 0 ? " static" : ""));
                    }
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    private String previous = "";

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor, boolean isInterface) {
                        previous = owner + "." + method;
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.RETURN) {
                            returns[0]++;
                            calls.add("return after " + previous);
                        }
                        previous = "";
                    }
                };
            }
        }, 0);
        assertTrue(returns[0] > 0);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < returns[0]; i++) {
            expected.add("return after java/net/InetAddress.resolvechain$ready");
        }
        expected.add("method ()V static");
        assertEquals(expected, calls);
    }

    @Test
    void aClassWithoutStaticInitialiserIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> InetAddressWeave.weave(classFile(WithoutInitialiser.class)));
        assertTrue(refused.getMessage().contains("has no static initialiser"), refused.getMessage());
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
