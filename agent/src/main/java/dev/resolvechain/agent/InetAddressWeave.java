package dev.resolvechain.agent;

import dev.resolvechain.agent.boot.InetAddressReady;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The call {@link JdkHookTrigger} weaves into {@code InetAddress} as it loads: at each return of its
 * static initialiser, a call to a method of its own (no branch added to the initialiser, so its frames
 * stay as they are):
 * <pre>
 * private static void resolvechain$ready() {
 *     try {
 *         Class.forName("dev.resolvechain.agent.boot.InetAddressReady", true, ClassLoader.getSystemClassLoader());
 *     } catch (Throwable e) {
 *     }
 * }
 * </pre>
 * A class of its own, so that ASM loads with {@code InetAddress}, not before {@code main}.
 */
final class InetAddressWeave {
    private static final String READY_METHOD = "resolvechain$ready";
    private static final String THROWABLE = "java/lang/Throwable";

    private InetAddressWeave() {
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
