package io.proofline.storage.objects;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An object store in a local directory, one file per key. Each put writes a temporary file next
 * to the target, syncs it and renames it over the target, so that readers in any process see
 * the old object or the new one, never a part, and a crash leaves at most a temporary file
 * (named {@code .<name>.<random>.tmp}, which no key can be, see {@link #deleteAbandonedTempFiles}).
 * Directories are created as needed and never removed, so that concurrent puts and deletes in
 * the same folder cannot pull a directory from under each other.
 */
public final class LocalObjectStore implements ObjectStore {

    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    /** @throws ObjectStoreException if {@code root} cannot be created or is not a directory */
    public LocalObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new ObjectStoreException("cannot create object store directory " + this.root + ": " + e, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public StoredObject put(String key, byte[] data) {
        Path target = path(key);
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.getParent());
            return new StoredObject(key, Sha256.hex(data), data.length);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            deleteQuietly(temp);
            throw new ObjectStoreException("cannot put '" + key + "': a part of its path is a file, not a folder ("
                    + e.getFile() + ")", e);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new ObjectStoreException("cannot put '" + key + "' under " + root + ": " + e, e);
        }
    }

    @Override
    public byte[] get(String key) {
        Path file = path(key);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new ObjectNotFoundException(key);
            }
            throw new ObjectStoreException("cannot read '" + key + "' under " + root + ": " + e, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public void delete(String key) {
        Path file = path(key);
        if (Files.isDirectory(file)) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ObjectStoreException("cannot delete '" + key + "' under " + root + ": " + e, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        walk(start, (file, attrs) -> {
            String key = key(file);
            if (key.startsWith(prefix) && isKey(key)) {
                keys.add(key);
            }
        });
        keys.sort(null);
        return List.copyOf(keys);
    }

    /**
     * Removes temporary files left by puts that crashed, if older than {@code olderThan} (so that
     * puts under way are left alone).
     *
     * @return how many were removed
     */
    public int deleteAbandonedTempFiles(Duration olderThan) {
        Instant cutoff = Instant.now().minus(olderThan);
        int[] removed = {0};
        walk(root, (file, attrs) -> {
            String name = file.getFileName().toString();
            if (name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
                try {
                    if (Files.deleteIfExists(file)) {
                        removed[0]++;
                    }
                } catch (IOException e) {
                    throw new ObjectStoreException("cannot delete temporary file " + file + ": " + e, e);
                }
            }
        });
        return removed[0];
    }

    private Path path(String key) {
        ObjectKeys.requireValid(key);
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("object key escapes the store: " + key);
        }
        return p;
    }

    private String key(Path file) {
        StringBuilder sb = new StringBuilder();
        for (Path part : root.relativize(file)) {
            sb.append(sb.isEmpty() ? "" : "/").append(part);
        }
        return sb.toString();
    }

    private static boolean isKey(String s) {
        try {
            ObjectKeys.requireValid(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private interface FileAction {
        void accept(Path file, BasicFileAttributes attrs);
    }

    /** Visits regular files; files that vanish meanwhile (a concurrent put's rename, a delete) are skipped. */
    private void walk(Path start, FileAction action) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        action.accept(file, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new ObjectStoreException("cannot list " + start + ": " + e, e);
        }
    }

    /** Makes the rename durable; best effort, as not every platform can open a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The data itself is synced; only the rename's durability across a power loss is at stake.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for deleteAbandonedTempFiles.
        }
    }

    @Override
    public String toString() {
        return "LocalObjectStore(" + root + ")";
    }
}
