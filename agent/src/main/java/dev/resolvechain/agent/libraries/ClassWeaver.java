package dev.resolvechain.agent.libraries;

import dev.resolvechain.agent.boot.LibraryHooks;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * A library's hook call woven at the start of its methods, as the class loads (or is retransformed
 * after an attach: no member is added). Plain ASM, as Byte Buddy bundles it: a few dozen classes to
 * load where Byte Buddy's advice loads some 800 (0.4 s, cold, on the thread that loads the library).
 *
 * <p>The code woven in calls {@link LibraryHooks}' static methods where the library's class loader
 * sees that class ({@code direct}); elsewhere it reaches the hooks through JDK types only. Either way
 * any exception in it leaves the method to run as the library wrote it:
 * <pre>
 * try {
 *     Class hooks = ClassLoader.getSystemClassLoader().loadClass(LibraryHooks.CLASS_NAME);
 *     // Netty, doResolve(host, additionals, promise, cache) and doResolveAll(...):
 *     if (((Predicate) hooks.getField("netty").get(null)).test(new Object[] {this, host, promise, "doResolve"})) return;
 *     // dnsjava, sendAsync(query[, executor]):
 *     Object answer = ((BiFunction) hooks.getField("dnsjava").get(null)).apply(this, query);
 *     if (answer != null) return (CompletionStage) answer;
 * } catch (Throwable e) {
 * }
 * </pre>
 */
final class ClassWeaver {
    private static final String NETTY_DESCRIPTOR_START = "(Ljava/lang/String;";
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String OBJECT = "java/lang/Object";

    private ClassWeaver() {
    }

    /** @param direct whether the library's class loader sees {@link LibraryHooks} (see {@link #seesHooks}) */
    static byte[] weave(Library library, byte[] classFile, boolean direct) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                return woven(library, access, name, descriptor) ? new HookCall(method, library, name, descriptor, direct) : method;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Whether {@code loader} resolves {@link LibraryHooks} to the agent's class (the class is loaded: nothing new loads). */
    static boolean seesHooks(ClassLoader loader) {
        try {
            return Class.forName(LibraryHooks.CLASS_NAME, false, loader) == LibraryHooks.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Netty: {@code doResolve} and {@code doResolveAll(String, DnsRecord[], Promise, DnsCache)}; dnsjava: the public {@code sendAsync}s. */
    static boolean woven(Library library, int access, String name, String descriptor) {
        if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return false;
        }
        int parameters = Type.getArgumentTypes(descriptor).length;
        return library == Library.NETTY
                ? (name.equals("doResolve") || name.equals("doResolveAll")) && parameters == 4
                        && descriptor.startsWith(NETTY_DESCRIPTOR_START) && descriptor.endsWith(")V")
                : name.equals("sendAsync") && (access & Opcodes.ACC_PUBLIC) != 0 && (parameters == 1 || parameters == 2)
                        && Type.getReturnType(descriptor).getSort() == Type.OBJECT;
    }

    /** Inserts the hook call before the method's first instruction. */
    private static final class HookCall extends MethodVisitor {
        private final Library library;
        private final String name;
        private final String descriptor;
        private final boolean direct;

        HookCall(MethodVisitor method, Library library, String name, String descriptor, boolean direct) {
            super(Opcodes.ASM9, method);
            this.library = library;
            this.name = name;
            this.descriptor = descriptor;
            this.direct = direct;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label handler = new Label();
            Label original = new Label();
            super.visitTryCatchBlock(tryStart, tryEnd, handler, THROWABLE);
            super.visitLabel(tryStart);
            if (library == Library.NETTY) {
                if (direct) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ALOAD, 1);
                    super.visitVarInsn(Opcodes.ALOAD, promiseSlot());
                    super.visitLdcInsn(name);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, LibraryHooks.INTERNAL_NAME, "netty", LibraryHooks.NETTY_DESCRIPTOR, false);
                } else {
                    hookField("netty");
                    super.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/Predicate");
                    super.visitInsn(Opcodes.ICONST_4);
                    super.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
                    storeElement(0, () -> super.visitVarInsn(Opcodes.ALOAD, 0));
                    storeElement(1, () -> super.visitVarInsn(Opcodes.ALOAD, 1));
                    storeElement(2, () -> super.visitVarInsn(Opcodes.ALOAD, promiseSlot()));
                    storeElement(3, () -> super.visitLdcInsn(name));
                    super.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Predicate", "test", "(Ljava/lang/Object;)Z", true);
                }
                super.visitLabel(tryEnd);
                super.visitJumpInsn(Opcodes.IFEQ, original);
                super.visitInsn(Opcodes.RETURN);
            } else {
                if (direct) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ALOAD, 1);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, LibraryHooks.INTERNAL_NAME, "dnsjava", LibraryHooks.DNSJAVA_DESCRIPTOR, false);
                } else {
                    hookField("dnsjava");
                    super.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/BiFunction");
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitVarInsn(Opcodes.ALOAD, 1);
                    super.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/BiFunction", "apply",
                            "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", true);
                }
                super.visitLabel(tryEnd);
                Label unanswered = new Label();
                super.visitInsn(Opcodes.DUP);
                super.visitJumpInsn(Opcodes.IFNULL, unanswered);
                super.visitTypeInsn(Opcodes.CHECKCAST, Type.getReturnType(descriptor).getInternalName());
                super.visitInsn(Opcodes.ARETURN);
                super.visitLabel(unanswered);
                super.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {OBJECT});
                super.visitInsn(Opcodes.POP);
                super.visitJumpInsn(Opcodes.GOTO, original);
            }
            super.visitLabel(handler);
            super.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {THROWABLE});
            super.visitInsn(Opcodes.POP);
            super.visitLabel(original);
            super.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
            // the method's own first frame, if its first instruction has one, must not share this offset
            super.visitInsn(Opcodes.NOP);
        }

        /** The local variable of the third argument, the promise: after {@code this}, the host and the second argument. */
        private int promiseSlot() {
            Type[] arguments = Type.getArgumentTypes(descriptor);
            return 1 + arguments[0].getSize() + arguments[1].getSize();
        }

        /** {@code ClassLoader.getSystemClassLoader().loadClass(LibraryHooks.CLASS_NAME).getField(field).get(null)} on the stack. */
        private void hookField(String field) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/ClassLoader", "getSystemClassLoader", "()Ljava/lang/ClassLoader;", false);
            super.visitLdcInsn(LibraryHooks.CLASS_NAME);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/ClassLoader", "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;", false);
            super.visitLdcInsn(field);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Class", "getField", "(Ljava/lang/String;)Ljava/lang/reflect/Field;", false);
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/reflect/Field", "get", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
        }

        /** With the array on the stack: {@code array[index] = value}, the array left on the stack. */
        private void storeElement(int index, Runnable value) {
            super.visitInsn(Opcodes.DUP);
            super.visitIntInsn(Opcodes.BIPUSH, index);
            value.run();
            super.visitInsn(Opcodes.AASTORE);
        }
    }
}
