package dev.lectern.local;

import dev.lectern.identity.AdminBootstrap;
import dev.lectern.identity.IdentityStore;
import dev.lectern.identity.PasswordHasher;
import dev.lectern.local.emulators.Emulators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --seed}: demo data, so that the platform is alive on first start. Each context adds its
 * part here through its own public API or events, never by writing another context's items.
 */
final class DemoData {

    private DemoData() {
    }

    public static final String ADMIN_EMAIL = "admin@lectern.local";
    static final String ADMIN_PASSWORD_FILE = "admin-password.txt";
    static final String CREATORS_PASSWORD_FILE = "demo-creators-password.txt";

    /** One line per kind of thing seeded, for the start banner, and whether this run wrote the month of behaviour. */
    record Seeded(List<String> lines, boolean behaviour) {
    }

    static Seeded seed(Emulators emulators, Clock clock, Path dataDir) {
        List<String> seeded = new ArrayList<>();
        seeded.add(seedAdmin(emulators, clock, dataDir));
        Path passwordFile = dataDir == null ? null : dataDir.resolve(CREATORS_PASSWORD_FILE);
        String password = AdminBootstrap.generatePassword();
        var catalog = DemoCatalog.seed(emulators, clock, password);
        if (catalog.created()) {
            keep(passwordFile, password);
        }
        seeded.add(catalog.line() + kept(passwordFile));
        // the behaviour goes with the demo catalog: a second --seed on the same data dir sends none
        if (catalog.created()) {
            seeded.add(DemoBehaviour.seed(emulators, catalog.courses(), clock.instant()));
        }
        return new Seeded(List.copyOf(seeded), catalog.created());
    }

    /** The first admin; its password is shown once and kept (owner-only) in the data dir. */
    private static String seedAdmin(Emulators emulators, Clock clock, Path dataDir) {
        IdentityStore store = new IdentityStore(emulators.dynamoDb(), emulators.resources().config(LocalPlatform.STAGE));
        var created = AdminBootstrap.createAdmin(store, new PasswordHasher(), clock, ADMIN_EMAIL, "Administrator");
        Path passwordFile = dataDir == null ? null : dataDir.resolve(ADMIN_PASSWORD_FILE);
        if (created.isEmpty()) {
            return ADMIN_EMAIL + " exists" + kept(passwordFile);
        }
        keep(passwordFile, created.get().password());
        return "admin " + ADMIN_EMAIL + " with password " + created.get().password() + kept(passwordFile);
    }

    private static void keep(Path file, String secret) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, secret + System.lineSeparator());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // the banner still shows it
        }
    }

    private static String kept(Path file) {
        return file != null && Files.exists(file) ? "; the password is in " + file.toAbsolutePath() : "";
    }
}
