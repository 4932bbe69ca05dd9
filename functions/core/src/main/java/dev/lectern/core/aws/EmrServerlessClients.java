package dev.lectern.core.aws;

import dev.lectern.core.config.LecternConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

/**
 * The EMR Serverless client, in the jar of the context that starts the similarity job on Spark (it
 * declares the SDK's emrserverless module). There is no emulator of it: against the emulators the
 * client exists only where a test names its stand-in of the API ({@link LecternConfig#EMR_SERVERLESS_ENDPOINT}),
 * never silently pointed at AWS with the emulators' credentials.
 */
@Factory
@Requires(classes = EmrServerlessClient.class)
public class EmrServerlessClients {

    @Singleton
    EmrServerlessClient emrServerless(LecternConfig config, SdkHttpClient http) {
        if (config.endpointOverride().isPresent() && config.emrServerlessEndpoint().isEmpty()) {
            throw new IllegalStateException("there is no EMR Serverless beside the emulators: set "
                    + LecternConfig.EMR_SERVERLESS_ENDPOINT + " to a stand-in of its API");
        }
        var builder = AwsClients.configured(EmrServerlessClient.builder(), config, http);
        config.emrServerlessEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
