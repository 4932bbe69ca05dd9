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
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

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

    /** The keys of every object under {@code prefix}, in one recursive listing. */
    List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(path(prefix), true);
            String base = new Path(root).toUri().getPath().replaceFirst("/$", "");
            while (files.hasNext()) {
                // the object's path below the root's: its key
                keys.add(files.next().getPath().toUri().getPath().substring(base.length() + 1));
            }
        } catch (FileNotFoundException e) {
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    @Override
    public boolean exists(String key) {
        try {
            return fs.exists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path path(String key) {
        return new Path(root + key);
    }
}
