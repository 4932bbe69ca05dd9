package dev.lectern.core.routes;

import dev.lectern.core.resources.ResourceId;

/**
 * One grant a function needs: a resource and what it does with it. CDK turns each into the
 * narrowest IAM grant and passes the resource's name in the matching environment variable.
 */
public record Access(ResourceId resource, Mode mode) {

    public enum Mode {
        /** GetItem/Query/BatchGetItem, or GetObject/ListBucket. */
        READ,
        /** Put/Update/Delete, or PutObject/DeleteObject. */
        WRITE,
        READ_WRITE,
        /** SendMessage on a queue. */
        SEND,
        /** Receive/Delete on a queue (event-source mappings of consumers). */
        CONSUME
    }

    public static Access read(ResourceId resource) {
        return new Access(resource, Mode.READ);
    }

    public static Access write(ResourceId resource) {
        return new Access(resource, Mode.WRITE);
    }

    public static Access readWrite(ResourceId resource) {
        return new Access(resource, Mode.READ_WRITE);
    }

    public static Access send(ResourceId resource) {
        return new Access(resource, Mode.SEND);
    }
}
