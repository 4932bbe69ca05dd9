package dev.lectern.core.aws;

import dev.lectern.core.config.LecternConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 client and presigner, in the jars of the contexts that declare the SDK's s3 module. */
@Factory
@Requires(classes = S3Client.class)
public class S3Clients {

    @Singleton
    S3Client s3(LecternConfig config, SdkHttpClient http) {
        var builder = AwsClients.configured(S3Client.builder(), config, http);
        config.endpointOverride().ifPresent(e -> builder.endpointOverride(e.s3()).forcePathStyle(true));
        return builder.build();
    }

    @Singleton
    S3Presigner s3Presigner(LecternConfig config) {
        var builder = S3Presigner.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(AwsClients.credentials(config));
        config.endpointOverride().ifPresent(e -> builder.endpointOverride(e.s3())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        S3Presigner presigner = builder.build();
        return AwsClients.localGuard(config).<S3Presigner>map(guard -> new GuardedS3Presigner(presigner, guard)).orElse(presigner);
    }
}
