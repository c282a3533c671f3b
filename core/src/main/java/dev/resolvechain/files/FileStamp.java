package dev.resolvechain.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a file looked like (existence, identity, modification and change time, size): any
 * difference is a change. Read following symbolic links (resolv.conf is often one). (equals and
 * hashCode written out: a record's generated ones cost an invokedynamic bootstrap, tens of
 * milliseconds, on the first lookup that looks.)
 */
record FileStamp(boolean exists, Object fileKey, long modifiedNanos, long changedNanos, long size) {
    static final FileStamp MISSING = new FileStamp(false, null, 0, 0, -1);

    @Override
    public boolean equals(Object other) {
        return other instanceof FileStamp that && exists == that.exists && modifiedNanos == that.modifiedNanos
                && changedNanos == that.changedNanos && size == that.size && Objects.equals(fileKey, that.fileKey);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(modifiedNanos) * 31 + Long.hashCode(size);
    }

    static List<FileStamp> of(List<Path> paths) {
        List<FileStamp> stamps = new ArrayList<>(paths.size());
        for (Path path : paths) {
            stamps.add(of(path));
        }
        return stamps;
    }

    /** The file's stamp, following symbolic links (resolv.conf is often one); {@link #MISSING} if there is none. */
    static FileStamp of(Path path) {
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:size,lastModifiedTime,ctime,dev,ino");
            return new FileStamp(true, unix.get("dev") + ":" + unix.get("ino"), nanos(unix.get("lastModifiedTime")),
                    nanos(unix.get("ctime")), (Long) unix.get("size"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return basicStamp(path);
        } catch (IOException e) {
            return MISSING;
        }
    }

    private static FileStamp basicStamp(Path path) {
        try {
            BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(true, basic.fileKey(), nanos(basic.lastModifiedTime()), 0, basic.size());
        } catch (IOException e) {
            return MISSING;
        }
    }

    private static long nanos(Object time) {
        return time instanceof FileTime fileTime ? fileTime.to(TimeUnit.NANOSECONDS) : 0;
    }
}
