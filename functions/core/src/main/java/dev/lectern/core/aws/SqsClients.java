package dev.lectern.core.aws;

import dev.lectern.core.config.LecternConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS client, in the jars of the contexts that send messages (they declare the SDK's sqs module). */
@Factory
@Requires(classes = SqsClient.class)
public class SqsClients {

    @Singleton
    SqsClient sqs(LecternConfig config, SdkHttpClient http) {
        var builder = AwsClients.configured(SqsClient.builder(), config, http);
        config.endpointOverride().ifPresent(e -> builder.endpointOverride(e.sqs()));
        return builder.build();
    }
}
