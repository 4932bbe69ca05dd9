package dev.lectern.core.resources;

/** The AWS resources Lectern owns. Catalog entries name these to declare what a function may touch. */
public enum ResourceId {
    TABLE,
    MEDIA_BUCKET,
    ANALYTICS_BUCKET,
    PAYMENTS_QUEUE,
    BEHAVIOUR_QUEUE
}
