package dev.lectern.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Stripe's secret API key and the webhook signing secret, with the API base to call. In AWS the
 * keys are the Secrets Manager secret {@code LECTERN_STRIPE_SECRET} names (JSON {@code {"apiKey",
 * "webhookSecret"}}, set by the operator: docs/operations.md); locally a file the local platform
 * writes for its Stripe stand-in ({@code LECTERN_STRIPE_KEYS_FILE}) and the stand-in's base
 * ({@code LECTERN_STRIPE_API_BASE}).
 */
public record StripeKeys(String apiKey, String webhookSecret, Optional<String> apiBase) {

    public static final String KEYS_FILE = LecternConfig.STRIPE_KEYS_FILE;
    public static final String API_BASE = LecternConfig.STRIPE_API_BASE;

    @Override
    public String toString() {
        return "StripeKeys[apiBase=" + apiBase.orElse("https://api.stripe.com") + "]";
    }

    /**
     * Reads them once, at init.
     *
     * @param secret reads a Secrets Manager secret's string by its ARN
     */
    public static StripeKeys load(UnaryOperator<String> lookup, Function<String, String> secret) {
        String arn = lookup.apply(LecternConfig.STRIPE_KEYS_SECRET);
        String file = lookup.apply(KEYS_FILE);
        String json;
        if (file != null && !file.isBlank()) {
            try {
                json = Files.readString(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Stripe keys file " + file, e);
            }
        } else if (arn != null && !arn.isBlank()) {
            json = secret.apply(arn);
        } else {
            throw new IllegalStateException("no Stripe keys: set " + LecternConfig.STRIPE_KEYS_SECRET + " or " + KEYS_FILE);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(json == null ? "" : json);
        } catch (IOException e) {
            throw new IllegalStateException("the Stripe keys are not JSON {\"apiKey\", \"webhookSecret\"}");
        }
        String apiKey = node == null ? null : node.path("apiKey").asText(null);
        String webhookSecret = node == null ? null : node.path("webhookSecret").asText(null);
        if (apiKey == null || apiKey.isBlank() || webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalStateException("the Stripe keys need both \"apiKey\" and \"webhookSecret\" (docs/operations.md)");
        }
        return new StripeKeys(apiKey, webhookSecret, Optional.ofNullable(lookup.apply(API_BASE)).filter(s -> !s.isBlank()));
    }
}
