package dev.lectern.platform;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import jakarta.inject.Inject;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}: 200 when the table answers, 503 problem+json when it does not. */
public class HealthHandler extends ApiHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);

    @Inject
    HealthService health;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        try {
            return ApiResponses.json(200, health.check());
        } catch (TableProbe.TableUnreachableException e) {
            LOG.warn("table unreachable: {}", e.getMessage());
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE.problem("The table is not reachable"),
                    Map.of("Retry-After", "5"));
        }
    }
}
