package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import dev.lectern.core.http.Json;
import dev.lectern.core.routes.LecternCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Stripe stand-in inside the local platform: its info, its controls through the gateway, the functions' environment. */
class StripeStandInPlatformEnd2EndTest extends LocalPlatformTest {

    @Test
    void showsItsKeysAndSendsItsWebhooksToTheGateway() {
        JsonNode stripe = api.get("/_local/info", null).json().path("stripe");

        assertThat(stripe.path("apiBase").asText()).isEqualTo(platform.stripe().apiBase()).startsWith("http://127.0.0.1:");
        assertThat(stripe.path("apiKey").asText()).startsWith("sk_test_local_");
        assertThat(stripe.path("webhookSecret").asText()).startsWith("whsec_");
        assertThat(stripe.path("webhookUrl").asText()).isEqualTo(platform.apiUrl() + "/webhooks/stripe");
        assertThat(stripe.path("dashboard").asText()).isEqualTo("GET " + platform.apiUrl() + "/_local/stripe/events");
    }

    @Test
    void servesTheControlsUnderTheGateway() throws Exception {
        StripeClient client = StripeClient.builder().setApiKey(platform.stripe().apiKey()).setApiBase(platform.stripe().apiBase()).build();
        Session session = client.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd").setUnitAmount(1500L)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName("Course").build())
                                .build())
                        .build())
                .setSuccessUrl("http://localhost/done").build());

        var completed = api.post("/_local/stripe/checkout/sessions/" + session.getId() + "/complete", null, "{\"outcome\":\"paid\"}");
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.json().path("payment_status").asText()).isEqualTo("paid");
        assertThat(api.post("/_local/stripe/checkout/sessions/" + session.getId() + "/complete", null, null).status()).isEqualTo(409);

        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode items;
        do {
            Thread.sleep(50);
            items = api.get("/_local/stripe/events", null).json().path("items");
        } while (items.path(0).path("attempts").isEmpty() && System.nanoTime() < deadline);
        assertThat(items).extracting(i -> i.path("event").path("type").asText())
                .containsExactly("checkout.session.completed", "charge.succeeded", "payment_intent.succeeded");
        // the gateway answered (whatever the commerce context does with it)
        assertThat(items.path(0).path("attempts").path(0).has("status")).isTrue();
    }

    @Test
    void givesTheStripeKeysOnlyToFunctionsGrantedTheStripeSecret() throws Exception {
        assertThat(LecternCatalog.functions()).allSatisfy(function -> {
            boolean granted = platform.emulators().resources().functionEnvironment(function, LocalPlatform.STAGE,
                    new dev.lectern.local.emulators.LocalResources.KeyFiles(Path.of("signing"), Path.of("verification")))
                    .containsKey(LocalPlatform.STRIPE_SECRET);
            Map<String, String> env = platform.functionEnvironment(function);
            assertThat(env).doesNotContainKey(LocalPlatform.STRIPE_SECRET);
            if (granted) {
                assertThat(env).containsEntry(LocalPlatform.STRIPE_KEYS_FILE, platform.stripeKeysFile().toString())
                        .containsEntry(LocalPlatform.STRIPE_API_BASE, platform.stripe().apiBase());
            } else {
                assertThat(env).doesNotContainKeys(LocalPlatform.STRIPE_API_BASE, LocalPlatform.STRIPE_KEYS_FILE);
            }
        });
        JsonNode written = Json.mapper().readTree(Files.readString(platform.stripeKeysFile()));
        assertThat(written.path("apiKey").asText()).isEqualTo(platform.stripe().apiKey());
        assertThat(written.path("webhookSecret").asText()).isEqualTo(platform.stripe().webhookSecret());

        Map<String, String> granted = new HashMap<>(Map.of(LocalPlatform.STRIPE_SECRET, "lectern-local-stripe", "OTHER", "x"));
        Path keys = Files.createTempFile("stripe-keys", ".json");
        LocalPlatform.replaceStripeSecret(granted, keys, "http://127.0.0.1:9");
        assertThat(granted).containsOnly(Map.entry("OTHER", "x"), Map.entry(LocalPlatform.STRIPE_KEYS_FILE, keys.toString()),
                Map.entry(LocalPlatform.STRIPE_API_BASE, "http://127.0.0.1:9"));
        Files.delete(keys);
    }
}
