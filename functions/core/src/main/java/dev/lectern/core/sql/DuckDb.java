package dev.lectern.core.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An embedded DuckDB database for one job run (the analytics jobs, the similarity job): in memory, spilling to a directory under
 * {@code java.io.tmpdir} (Lambda's only writable place is /tmp; DuckDB's default, {@code .tmp} under
 * the working directory, is read-only there), with an explicit memory limit (its default, 80 % of
 * the machine's RAM, would not leave the JVM its heap inside a function's memory). S3 objects are
 * fetched with the SDK into {@link #workDirectory()} and read there: the httpfs extension is not
 * bundled and cannot be installed at run time.
 */
public final class DuckDb implements AutoCloseable {

    /** Share of the function's memory DuckDB may use; the rest is the JVM's (heap, SDK buffers). */
    public static final double MEMORY_SHARE = 0.5;
    private static final long LOCAL_MEMORY_MB = 1024;

    private final Path directory;
    private final Connection connection;

    private DuckDb(Path directory, Connection connection) {
        this.directory = directory;
        this.connection = connection;
    }

    public static DuckDb open() {
        try {
            Path directory = Files.createTempDirectory("lectern-duckdb-");
            Files.createDirectories(directory.resolve("spill"));
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET temp_directory = '" + directory.resolve("spill") + "'");
                statement.execute("SET memory_limit = '" + memoryLimitMb() + "MB'");
                // no extension downloads: the function has no route to the internet, and results must not depend on one
                statement.execute("SET autoinstall_known_extensions = false");
            }
            return new DuckDb(directory, connection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB did not start", e);
        }
    }

    /** Half the function's memory on Lambda (which names it in the environment), 1 GB elsewhere. */
    public static long memoryLimitMb() {
        String lambdaMemory = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        return lambdaMemory == null ? LOCAL_MEMORY_MB : (long) (Long.parseLong(lambdaMemory) * MEMORY_SHARE);
    }

    public Connection connection() {
        return connection;
    }

    /** A directory of this run for downloaded and written files, removed on close. */
    public Path workDirectory() {
        return directory;
    }

    /** Runs a statement whose result is not needed; a new JDBC statement each time (one after a failure is unusable). */
    public void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
