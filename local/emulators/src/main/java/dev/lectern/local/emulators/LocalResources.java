package dev.lectern.local.emulators;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the emulators serve once provisioned: endpoints and the physical names and URLs of
 * Lectern's resources, in the form a function's configuration and a person's {@code aws} CLI need.
 */
public record LocalResources(URI dynamodbEndpoint, URI sqsEndpoint, URI s3Endpoint, String tableName,
                             Map<ResourceId, String> bucketNames, Map<ResourceId, String> queueUrls,
                             Map<ResourceId, String> deadLetterQueueUrls) {

    /** The environment a function gets: the same variable names the CDK stack sets. */
    public Map<String, String> functionEnvironment(String stage) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(LecternConfig.STAGE, stage);
        env.put(LecternConfig.REGION, "us-east-1");
        env.put(LecternConfig.DYNAMODB_ENDPOINT, dynamodbEndpoint.toString());
        env.put(LecternConfig.SQS_ENDPOINT, sqsEndpoint.toString());
        env.put(LecternConfig.S3_ENDPOINT, s3Endpoint.toString());
        env.put(LecternConfig.envName(ResourceId.TABLE), tableName);
        bucketNames.forEach((id, name) -> env.put(LecternConfig.envName(id), name));
        queueUrls.forEach((id, url) -> env.put(LecternConfig.envName(id), url));
        return env;
    }

    /** The configuration a function would read from {@link #functionEnvironment}. */
    public LecternConfig config(String stage) {
        Map<String, String> env = functionEnvironment(stage);
        return LecternConfig.from(env::get);
    }
}
