package dev.lectern.platform;

import dev.lectern.core.config.LecternConfig;
import jakarta.inject.Singleton;

/** Is this deployment able to serve? It is when the table answers. */
@Singleton
public class HealthService {

    private final TableProbe table;
    private final String version;

    public HealthService(TableProbe table, LecternConfig config) {
        this.table = table;
        this.version = config.version();
    }

    /** The health of the deployment; throws {@link TableProbe.TableUnreachableException} when it cannot serve. */
    public Health check() {
        table.probe();
        return new Health("ok", version, "reachable");
    }
}
