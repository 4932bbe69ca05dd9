package dev.lectern.commerce;

import com.stripe.StripeClient;
import dev.lectern.core.config.FunctionEnvironment;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The Stripe client and keys, built once per function at init (inside the snapshot with SnapStart). */
@Factory
public class CommerceBeans {

    @Singleton
    StripeKeys stripeKeys(Provider<SecretsManagerClient> secrets) {
        return StripeKeys.load(name -> FunctionEnvironment.lookup(name).orElse(null),
                arn -> secrets.get().getSecretValue(b -> b.secretId(arn)).secretString());
    }

    @Singleton
    StripeClient stripeClient(StripeKeys keys) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(keys.apiKey())
                // stripe-java retries connection failures and 409/429/5xx with our idempotency keys
                .setMaxNetworkRetries(2)
                .setConnectTimeout(3_000)
                .setReadTimeout(10_000);
        keys.apiBase().ifPresent(builder::setApiBase);
        return builder.build();
    }

    @Singleton
    CommerceSettings commerceSettings() {
        return CommerceSettings.from(name -> FunctionEnvironment.lookup(name).orElse(null));
    }
}
