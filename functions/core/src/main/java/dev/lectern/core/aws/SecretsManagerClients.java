package dev.lectern.core.aws;

import dev.lectern.core.config.LecternConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Secrets Manager client, in the jars of the contexts with signed-in routes: in AWS the JWT
 * key set lives in a secret (locally it is a file, and this client is never built).
 */
@Factory
@Requires(classes = SecretsManagerClient.class)
public class SecretsManagerClients {

    @Singleton
    SecretsManagerClient secretsManager(LecternConfig config, SdkHttpClient http) {
        return AwsClients.configured(SecretsManagerClient.builder(), config, http).build();
    }
}
