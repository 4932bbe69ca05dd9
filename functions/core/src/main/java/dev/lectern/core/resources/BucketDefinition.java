package dev.lectern.core.resources;

/**
 * A private bucket.
 *
 * @param id                    which resource this is
 * @param baseName              physical name suffix locally; CloudFormation names it in AWS
 * @param versioned             keep object versions (media: a creator's overwrite is recoverable)
 * @param expireNoncurrentDays  lifecycle: delete non-current versions after this many days (0 = never)
 */
public record BucketDefinition(ResourceId id, String baseName, boolean versioned, int expireNoncurrentDays) {
}
