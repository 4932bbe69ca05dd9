package dev.lectern.core.routes;

import dev.lectern.core.resources.ResourceId;
import java.util.List;

/**
 * One grant a function needs: a resource, what it does with it and, for the table, which
 * partition keys it may reach (for a bucket, optionally, which object keys). CDK turns each into
 * the narrowest IAM grant (for the table a {@code dynamodb:LeadingKeys} condition on the key
 * prefixes, for a bucket the object ARNs under its prefixes) and passes the resource's name in the
 * matching environment variable; locally, the function's clients refuse anything else.
 *
 * @param keyPrefixes for the table: the partition key prefixes (of the table and of its indexes)
 *                    this grant reaches; for a bucket: the object key prefixes it reaches, empty
 *                    for the whole bucket; empty for every other resource
 */
public record Access(ResourceId resource, Mode mode, List<String> keyPrefixes) {

    public enum Mode {
        /** GetItem/Query/BatchGetItem/ConditionCheckItem, or GetObject/HeadObject/ListBucket. */
        READ,
        /** Put/Update/Delete, or PutObject/DeleteObject. */
        WRITE,
        READ_WRITE,
        /** SendMessage on a queue. */
        SEND,
        /** Receive/Delete on a queue (event-source mappings of consumers). */
        CONSUME,
        /** StartJobRun on the EMR Serverless application. */
        RUN,
        /**
         * Hands the resource to a service that uses it on the function's behalf: {@code iam:PassRole} of the job
         * role, to EMR Serverless only; the job's jar, which EMR reads with that role, needs no grant of its own.
         */
        PASS;

        public boolean reads() {
            return this == READ || this == READ_WRITE;
        }

        public boolean writes() {
            return this == WRITE || this == READ_WRITE;
        }
    }

    public Access {
        keyPrefixes = List.copyOf(keyPrefixes);
        if (resource == ResourceId.TABLE && keyPrefixes.isEmpty()) {
            throw new IllegalArgumentException("table access must name the key prefixes it reaches (TableKeys)");
        }
        if (resource != ResourceId.TABLE && !resource.isBucket() && !keyPrefixes.isEmpty()) {
            throw new IllegalArgumentException("only table and bucket access has key prefixes: " + resource);
        }
        Mode only = switch (resource) {
            case EMR_APPLICATION -> Mode.RUN;
            case EMR_JOB_ROLE, SPARK_JOB_JAR -> Mode.PASS;
            default -> null;
        };
        if (only != null ? mode != only : mode == Mode.RUN || mode == Mode.PASS) {
            throw new IllegalArgumentException(mode + " of " + resource + ": an application is run, a job role or jar is passed, "
                    + "and nothing else is either");
        }
    }

    public static Access read(ResourceId resource) {
        return new Access(resource, Mode.READ, List.of());
    }

    /** Reads the bucket's objects under these key prefixes only. */
    public static Access read(ResourceId bucket, String... objectPrefixes) {
        return bucketAccess(bucket, Mode.READ, objectPrefixes);
    }

    /** Reads and writes the bucket's objects under these key prefixes only. */
    public static Access readWrite(ResourceId bucket, String... objectPrefixes) {
        return bucketAccess(bucket, Mode.READ_WRITE, objectPrefixes);
    }

    private static Access bucketAccess(ResourceId bucket, Mode mode, String... objectPrefixes) {
        if (!bucket.isBucket() || objectPrefixes.length == 0) {
            throw new IllegalArgumentException("object key prefixes are for a bucket, and at least one: " + bucket);
        }
        return new Access(bucket, mode, List.of(objectPrefixes));
    }

    public static Access write(ResourceId resource) {
        return new Access(resource, Mode.WRITE, List.of());
    }

    /** Writes (and deletes) the bucket's objects under these key prefixes only. */
    public static Access write(ResourceId bucket, String... objectPrefixes) {
        return bucketAccess(bucket, Mode.WRITE, objectPrefixes);
    }

    /** Starts job runs on an application. */
    public static Access run(ResourceId application) {
        return new Access(application, Mode.RUN, List.of());
    }

    /** Hands a role or an object to the service that runs the job ({@link Mode#PASS}). */
    public static Access pass(ResourceId resource) {
        return new Access(resource, Mode.PASS, List.of());
    }

    public static Access readWrite(ResourceId resource) {
        return new Access(resource, Mode.READ_WRITE, List.of());
    }

    public static Access send(ResourceId resource) {
        return new Access(resource, Mode.SEND, List.of());
    }

    /** Reads the table's items under these keys. */
    public static Access read(TableKeys keys) {
        return new Access(ResourceId.TABLE, Mode.READ, keys.prefixes());
    }

    /** Reads and writes the table's items under these keys. */
    public static Access readWrite(TableKeys keys) {
        return new Access(ResourceId.TABLE, Mode.READ_WRITE, keys.prefixes());
    }

    /** Does this bucket grant reach an object key? (A grant without prefixes reaches the whole bucket.) */
    public boolean reachesObject(String key) {
        return keyPrefixes.isEmpty() || keyPrefixes.stream().anyMatch(key::startsWith);
    }

    /** Does this grant reach a partition key value? */
    public boolean reachesKey(String partitionKeyValue) {
        return keyPrefixes.stream().anyMatch(partitionKeyValue::startsWith);
    }
}
