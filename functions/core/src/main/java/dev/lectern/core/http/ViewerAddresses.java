package dev.lectern.core.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address a request came from, as the throttles that count per network must see it. Behind the
 * site's CloudFront distribution, API Gateway's source address is a CloudFront server's: every
 * learner near it would share one sign-in budget. CloudFront names the viewer in
 * {@code CloudFront-Viewer-Address} ({@code 198.51.100.10:46532}, {@code 2001:db8::1:46532}),
 * but anyone can send that header straight to API Gateway, so it counts only on a request that
 * also carries the distribution's secret ({@value #EDGE_HEADER}, an origin custom header that
 * CloudFront sets and overwrites): the function knows the secret from
 * {@code FunctionEnvironment.EDGE_SECRET}. Without both, the source address stands.
 */
public final class ViewerAddresses {

    /** The origin custom header CloudFront adds to every request it sends to the API. */
    public static final String EDGE_HEADER = "x-lectern-edge";
    public static final String VIEWER_ADDRESS_HEADER = "cloudfront-viewer-address";
    private static final Logger LOG = LoggerFactory.getLogger(ViewerAddresses.class);
    private static final Pattern ADDRESS_AND_PORT = Pattern.compile("([0-9A-Fa-f:.]{2,45}):[0-9]{1,5}");

    private ViewerAddresses() {
    }

    /**
     * @param headers    the request's headers, names in lower case
     * @param sourceIp   API Gateway's source address
     * @param edgeSecret the distribution's secret, where this function may trust it
     */
    public static String of(Map<String, String> headers, String sourceIp, Optional<String> edgeSecret) {
        if (edgeSecret.isEmpty() || edgeSecret.get().isEmpty()) {
            return sourceIp;
        }
        String presented = headers.get(EDGE_HEADER);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                edgeSecret.get().getBytes(StandardCharsets.UTF_8))) {
            return sourceIp;
        }
        String viewer = headers.get(VIEWER_ADDRESS_HEADER);
        var matcher = viewer == null ? null : ADDRESS_AND_PORT.matcher(viewer.trim());
        if (matcher != null && matcher.matches()) {
            return matcher.group(1);
        }
        // through the distribution, yet no viewer: its origin request policy stopped forwarding the header
        LOG.warn("a request through the web distribution came without a usable {}: counted by the source address", VIEWER_ADDRESS_HEADER);
        return sourceIp;
    }
}
