package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.Json;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.local.emulators.LocalResources;
import java.nio.file.Files;
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
        assertThat(LecternCatalog.functions()).filteredOn(LocalResources::runsLocally).allSatisfy(function -> {
            boolean granted = function.effectiveAccess().stream().anyMatch(a -> a.resource() == ResourceId.STRIPE_KEYS);
            Map<String, String> env = platform.functionEnvironment(function);
            assertThat(env).doesNotContainKey(LecternConfig.STRIPE_KEYS_SECRET);
            if (granted) {
                assertThat(env).containsEntry(LecternConfig.STRIPE_KEYS_FILE, platform.stripeKeysFile().toString())
                        .containsEntry(LecternConfig.STRIPE_API_BASE, platform.stripe().apiBase());
            } else {
                assertThat(env).doesNotContainKeys(LecternConfig.STRIPE_API_BASE, LecternConfig.STRIPE_KEYS_FILE);
            }
        });
        assertThat(LecternCatalog.functions()).as("some function is granted the Stripe keys")
                .anyMatch(f -> f.effectiveAccess().stream().anyMatch(a -> a.resource() == ResourceId.STRIPE_KEYS));
        JsonNode written = Json.mapper().readTree(Files.readString(platform.stripeKeysFile()));
        assertThat(written.path("apiKey").asText()).isEqualTo(platform.stripe().apiKey());
        assertThat(written.path("webhookSecret").asText()).isEqualTo(platform.stripe().webhookSecret());
    }
}
