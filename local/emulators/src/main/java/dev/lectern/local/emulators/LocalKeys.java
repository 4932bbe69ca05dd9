package dev.lectern.local.emulators;

import dev.lectern.core.auth.KeySet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

/** The local JWT key set: generated once into a file (owner-only), then reused across restarts. */
public final class LocalKeys {

    private LocalKeys() {
    }

    public static Path ensure(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, KeySet.generate(Clock.systemUTC()).toJson());
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data dir's own permissions apply
                }
            }
            KeySet.fromJson(Files.readString(file));
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the local JWT key set " + file, e);
        }
    }

    /**
     * The public half of the key set in {@code keysFile}, written beside it: what functions that
     * only verify tokens get, as the verification secret holds only public keys in AWS.
     */
    public static Path publicCopy(Path keysFile) {
        try {
            Path file = keysFile.resolveSibling("jwt-public-keys.json");
            Files.writeString(file, KeySet.fromJson(Files.readString(keysFile)).publicOnly().toJson());
            file.toFile().deleteOnExit();
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the public JWT key set beside " + keysFile, e);
        }
    }

    /** A fresh key set in a temporary file, for tests and --in-memory runs. */
    public static Path temporary() {
        try {
            Path dir = Files.createTempDirectory("lectern-keys");
            dir.toFile().deleteOnExit();
            Path file = ensure(dir.resolve("jwt-keys.json"));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
