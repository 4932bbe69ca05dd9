package dev.lectern.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.auth.KeySetSource;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code GET /.well-known/jwks.json}: the public keys that verify access tokens, with their kids. */
public class JwksHandler extends ApiHandler {

    @Inject
    KeySetSource keys;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, keys.current().toJwks(), Map.of("Cache-Control", "public, max-age=300"));
    }
}
