package dev.resolvechain.agent;

/** Defines one class from the given bytes (verified, as any class of a non-boot loader), the rest from the parent. */
public final class DefiningLoader extends ClassLoader {
    private final String name;
    private final byte[] classFile;

    public DefiningLoader(ClassLoader parent, String name, byte[] classFile) {
        super(parent);
        this.name = name;
        this.classFile = classFile;
    }

    @Override
    protected Class<?> loadClass(String requested, boolean resolve) throws ClassNotFoundException {
        if (requested.equals(name)) {
            synchronized (getClassLoadingLock(requested)) {
                Class<?> loaded = findLoadedClass(requested);
                return loaded != null ? loaded : defineClass(requested, classFile, 0, classFile.length);
            }
        }
        return super.loadClass(requested, resolve);
    }
}
