package dev.lectern.recommend.spark;

import dev.lectern.recommend.ModelVersions;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The model's objects through the Hadoop file system under a root URI: {@code s3://<bucket>/} on
 * EMR (EMRFS, with the job role's credentials), a local directory in tests. The same keys the
 * functions' S3 client uses, so the serving functions read what this writes.
 */
final class HadoopObjects implements ModelVersions.Objects {

    private final String root;
    private final FileSystem fs;

    HadoopObjects(String root, Configuration configuration) {
        this.root = root.endsWith("/") ? root : root + "/";
        try {
            fs = FileSystem.get(URI.create(this.root), configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, byte[] body, String contentType) {
        try (OutputStream out = fs.create(path(key), true)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<InputStream> get(String key) {
        try {
            return Optional.of(fs.open(path(key)));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> folders(String prefix) {
        List<String> names = new ArrayList<>();
        try {
            for (FileStatus status : fs.listStatus(path(prefix))) {
                if (status.isDirectory()) {
                    names.add(status.getPath().getName());
                }
            }
        } catch (FileNotFoundException e) {
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    @Override
    public void deleteAll(String prefix) {
        try {
            fs.delete(path(prefix), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the object, or anything under the prefix, is there. */
    @Override
    public boolean exists(String prefix) {
        try {
            return fs.exists(path(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path path(String key) {
        return new Path(root + key);
    }
}
