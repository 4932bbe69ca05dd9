package dev.lectern.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViewerAddressesTest {

    private static final String SECRET = "s3cretFromSecretsManager0123456789abcdefABCDEF";
    private static final String CLOUDFRONT = "130.176.99.12";

    /** A request as API Gateway hands it over: CloudFront's server as the source, headers as they came. */
    private static ApiRequest request(Map<String, String> headers, Optional<String> trusted) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/auth/login")
                .withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withSourceIp(CLOUDFRONT).build())
                        .build())
                .build();
        return ApiRequest.from(event, "c", 100, trusted);
    }

    private static Map<String, String> headers(String edge, String viewer) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (edge != null) {
            headers.put("X-Lectern-Edge", edge);
        }
        if (viewer != null) {
            headers.put("CloudFront-Viewer-Address", viewer);
        }
        return headers;
    }

    @Test
    void throughTheDistributionTheViewersAddressCountsNotCloudFronts() {
        assertThat(request(headers(SECRET, "198.51.100.10:46532"), Optional.of(SECRET)).sourceIp()).isEqualTo("198.51.100.10");
        assertThat(request(headers(SECRET, "2001:db8:85a3::8a2e:370:7334:46532"), Optional.of(SECRET)).sourceIp())
                .isEqualTo("2001:db8:85a3::8a2e:370:7334");
        // two viewers behind one CloudFront server are two networks to the throttles
        assertThat(ClientNetworks.of(request(headers(SECRET, "198.51.100.10:1"), Optional.of(SECRET)).sourceIp()))
                .isNotEqualTo(ClientNetworks.of(request(headers(SECRET, "203.0.113.7:1"), Optional.of(SECRET)).sourceIp()));
    }

    @Test
    void aViewerAddressSentWithoutTheDistributionsSecretIsIgnored() {
        // straight to API Gateway, naming someone else's address to spread guesses over many budgets
        assertThat(request(headers(null, "198.51.100.10:46532"), Optional.of(SECRET)).sourceIp()).isEqualTo(CLOUDFRONT);
        assertThat(request(headers("guess", "198.51.100.10:46532"), Optional.of(SECRET)).sourceIp()).isEqualTo(CLOUDFRONT);
        assertThat(request(headers(SECRET.substring(1), "198.51.100.10:46532"), Optional.of(SECRET)).sourceIp()).isEqualTo(CLOUDFRONT);
        assertThat(request(headers(SECRET + "x", "198.51.100.10:46532"), Optional.of(SECRET)).sourceIp()).isEqualTo(CLOUDFRONT);
    }

    @Test
    void aFunctionNotGivenTheSecretTrustsNoHeaderAtAll() {
        assertThat(request(headers(SECRET, "198.51.100.10:46532"), Optional.empty()).sourceIp()).isEqualTo(CLOUDFRONT);
        assertThat(request(headers("", "198.51.100.10:46532"), Optional.of("")).sourceIp()).isEqualTo(CLOUDFRONT);
    }

    @Test
    void aViewerAddressNotInCloudFrontsFormLeavesTheSourceAddress() {
        for (String malformed : new String[] {"198.51.100.10", "198.51.100.10:", "198.51.100.10:123456", "evil.example:80",
                "198.51.100.10:80, 10.0.0.1:80", ""}) {
            assertThat(request(headers(SECRET, malformed), Optional.of(SECRET)).sourceIp()).as(malformed).isEqualTo(CLOUDFRONT);
        }
    }
}
