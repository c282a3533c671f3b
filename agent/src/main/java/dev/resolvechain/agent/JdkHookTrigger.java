package dev.resolvechain.agent;

import dev.resolvechain.Log;
import dev.resolvechain.agent.boot.InetAddressReady;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Puts the hook into the JDK when {@code InetAddress} initialises rather than before {@code main}:
 * opening {@code java.net}, initialising {@code InetAddress} and the hook cost 10 to 15 ms, which a JVM
 * that never resolves a name (a command-line tool, a test fork) need not pay, and which otherwise
 * happen on the build thread (reading the configuration's addresses initialises it). As the class
 * loads, one call is woven at each return of its static initialiser, in a method of its own:
 * <pre>
 * private static void resolvechain$ready() {
 *     try {
 *         Class.forName("dev.resolvechain.agent.boot.InetAddressReady", true, ClassLoader.getSystemClassLoader());
 *     } catch (Throwable e) {
 *     }
 * }
 * </pre>
 * Every other thread waits for the class to finish initialising, so no lookup reaches the JDK's
 * resolver before the hook is in. Only the first load counts: the class is never retransformed.
 */
final class JdkHookTrigger implements ClassFileTransformer {
    private static final String INET_ADDRESS = "java/net/InetAddress";
    private static final String READY_METHOD = "resolvechain$ready";
    private static final String THROWABLE = "java/lang/Throwable";

    private final Runnable hookNow;

    private JdkHookTrigger(Runnable hookNow) {
        this.hookNow = hookNow;
    }

    /**
     * Arms the trigger for {@code hook}, or, when {@code InetAddress} is loaded already (another agent,
     * the JVM's own options), runs it at once.
     */
    static void arm(Instrumentation instrumentation, Runnable hook) {
        JdkHookTrigger trigger = new JdkHookTrigger(hook);
        instrumentation.addTransformer(trigger, false);
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getClassLoader() == null && loaded.getName().equals("java.net.InetAddress")) {
                // loaded before the trigger, or while it was armed: the hook is idempotent, so both may run
                instrumentation.removeTransformer(trigger);
                hook.run();
                return;
            }
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader != null || redefined != null || !INET_ADDRESS.equals(className)) {
            return null;
        }
        try {
            return weave(bytes);
        } catch (RuntimeException | LinkageError e) {
            // InetAddress is being loaded on this thread and cannot be initialised from here: another thread hooks it as soon as it can
            Log.warn("cannot weave the hook's trigger into InetAddress (" + e + "): the hook goes in from a thread of its own,"
                    + " and lookups made before it reach the JDK's resolver");
            Thread thread = new Thread(hookNow, "resolvechain-hook");
            thread.setDaemon(true);
            thread.start();
            return null;
        }
    }

    /** {@code classFile} with the call woven in (to a method of its own class: a test weaves a class of its own). */
    static byte[] weave(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        String owner = reader.getClassName();
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        ClassVisitor weaving = new ClassVisitor(Opcodes.ASM9, writer) {
            private boolean initialiserSeen;

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!name.equals("<clinit>")) {
                    return method;
                }
                initialiserSeen = true;
                return new MethodVisitor(Opcodes.ASM9, method) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.RETURN) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, READY_METHOD, "()V", false);
                        }
                        super.visitInsn(opcode);
                    }
                };
            }

            @Override
            public void visitEnd() {
                if (!initialiserSeen) {
                    throw new IllegalStateException(owner + " has no static initialiser (JDK " + Runtime.version() + ")");
                }
                writeReadyMethod(super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, READY_METHOD, "()V",
                        null, null));
                super.visitEnd();
            }
        };
        reader.accept(weaving, 0);
        return writer.toByteArray();
    }

    private static void writeReadyMethod(MethodVisitor method) {
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        method.visitCode();
        method.visitTryCatchBlock(tryStart, tryEnd, handler, THROWABLE);
        method.visitLabel(tryStart);
        method.visitLdcInsn(InetAddressReady.class.getName());
        method.visitInsn(Opcodes.ICONST_1);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/ClassLoader", "getSystemClassLoader", "()Ljava/lang/ClassLoader;", false);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
                "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;", false);
        method.visitInsn(Opcodes.POP);
        method.visitLabel(tryEnd);
        method.visitInsn(Opcodes.RETURN);
        method.visitLabel(handler);
        method.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {THROWABLE});
        method.visitInsn(Opcodes.POP);
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
    }
}
