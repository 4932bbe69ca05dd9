package dev.lectern.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.auth.AccountStatusCheck;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.auth.TokenVerifier;
import dev.lectern.core.aws.LecternHandler;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.aws.TransientFailures;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.logging.Logs;
import dev.lectern.core.metrics.InvocationMetrics;
import dev.lectern.core.metrics.LecternMetrics;
import dev.lectern.core.priming.Priming;
import dev.lectern.core.priming.PrimingEvents;
import dev.lectern.core.priming.TablePriming;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The base of every API handler: maps the event to an {@link ApiRequest}, runs the subclass's
 * {@link #handle} and maps every outcome to a response. This is the one place where errors become
 * problem+json: a {@link ProblemException} answers its own status; anything else is logged with
 * its stack trace and answered as a bare 500 that tells the client nothing about our internals.
 * Every request is counted here too, by route and status class, and what the domain counted
 * during it is written with it ({@link LecternMetrics}).
 */
public abstract class ApiHandler extends LecternHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final Route route = LecternCatalog.routeForHandler(getClass())
            .orElseThrow(() -> new IllegalStateException(getClass().getName() + " has no route entry in its context's functions"));

    /** Only a route that counts client networks may take the viewer's address from CloudFront ({@link ViewerAddresses}). */
    private final Optional<String> edgeSecret = route.throttlesByNetwork()
            ? FunctionEnvironment.lookup(FunctionEnvironment.EDGE_SECRET) : Optional.empty();
    /** Kept so that the snapshot's priming hook lives as long as this handler. */
    private final Resource primer = Priming.register(route.id(), this::prime);

    @Override
    public void close() {
        Priming.deregister(primer);
        super.close();
    }

    /** The route's work: a call on a domain service and the mapping of its result. */
    protected abstract APIGatewayV2HTTPResponse handle(ApiRequest request);

    protected Route route() {
        return route;
    }

    /** Built on the first protected request: public-only functions never load the key set. */
    private TokenVerifier tokenVerifier() {
        return beans().getBean(TokenVerifier.class);
    }

    /**
     * What the snapshot is taken after: the key set loaded and one token verified (refused), one
     * GetItem of a key never written, and one request through the whole handler path — the
     * route's own code for public routes (a GET with ids that name nothing, or a write whose empty
     * body is refused before any storage call), the refusal path for signed-in routes. It is not
     * counted as a request.
     */
    private void prime() {
        if (route.auth() != Auth.PUBLIC) {
            tokenVerifier().prime();
        }
        TablePriming.getNothing(() -> beans().getBean(DynamoDbClient.class),
                () -> beans().getBean(LecternConfig.class), route);
        try {
            // inside the same logging scope as a real invocation, which loads and links it too
            Logs.withInvocation(SimpleLambdaContext.of("priming", route.id(), route.memoryMb(), route.timeoutSeconds()),
                    () -> answer(PrimingEvents.request(route), "priming"));
            if (route.auth() != Auth.PUBLIC && route.requestType() != null) {
                primeBinding();
            }
        } finally {
            Logs.clearCorrelationId();
            // nothing the primed request counted may reach the first real request's metrics
            beans().findBean(InvocationMetrics.class).ifPresent(InvocationMetrics::drain);
        }
    }

    /**
     * The refused request above stops a signed-in route before its body is read, so the record its
     * handler binds ({@link Route#requestType}) is bound apart, from {@code {}} through the same
     * request binding: Jackson builds and caches that type's deserializer. No handler runs.
     */
    private void primeBinding() {
        ApiRequest empty = ApiRequest.from(PrimingEvents.request(route), "priming", route.maxBodyBytes());
        try {
            empty.bodyAs(route.requestType());
        } catch (ProblemException refused) {
            // most bodies refuse an empty object: the reader was built and used all the same
        }
    }

    @Override
    protected final APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String correlationId = ApiRequest.correlationIdOf(event);
        APIGatewayV2HTTPResponse response = answer(event, correlationId);
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("{} {} -> {} in {} ms", route.method(), route.path(), response.getStatusCode(), millis);
        // the one place where every request is counted, with what the domain counted during it
        LecternMetrics.request(route.id(), response.getStatusCode(), millis, correlationId, context,
                beans().getBean(InvocationMetrics.class));
        Logs.clearCorrelationId();
        return response;
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, String correlationId) {
        Logs.correlationId(correlationId);
        APIGatewayV2HTTPResponse response;
        try {
            ApiRequest request = ApiRequest.from(event, correlationId, route.maxBodyBytes(), edgeSecret);
            boolean optional = route.auth() == Auth.OPTIONAL_USER && request.header("authorization").isEmpty();
            if (route.auth() != Auth.PUBLIC && !optional) {
                Caller caller = tokenVerifier().verify(request.header("authorization"));
                TokenVerifier.requireRole(route.auth(), caller);
                if (route.writes()) {
                    beans().getBean(AccountStatusCheck.class).requireCurrent(caller);
                }
                request = request.withCaller(caller);
            }
            requireIdShapes(request);
            ApiRequest checked = request;
            response = route.idempotent()
                    ? beans().getBean(IdempotencyKeys.class).run(route, checked, () -> handle(checked))
                    : handle(checked);
        } catch (ProblemException e) {
            response = ApiResponses.problem(e.problem().withContext(event.getRawPath(), correlationId), e.headers());
        } catch (RuntimeException e) {
            response = ApiResponses.problem(unexpected(e).withContext(event.getRawPath(), correlationId),
                    TransientFailures.isTransient(e) ? Map.of("Retry-After", RETRY_AFTER_SECONDS) : Map.of());
        }
        response = withCorrelationHeader(response, correlationId);
        if ("HEAD".equalsIgnoreCase(method(event))) {
            // the GET route answers HEAD: same status and headers, no body
            response.setBody(null);
        }
        return response;
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "" : event.getRequestContext().getHttp().getMethod();
    }

    /** Every path parameter is an id: one of another shape names nothing, and never reaches DynamoDB. */
    private void requireIdShapes(ApiRequest request) {
        for (String name : route.pathParameters()) {
            String value = request.pathParameters().get(name);
            if (!Ids.isId(value)) {
                throw ProblemException.notFound("No " + name.replaceAll("Id$", "") + " with this id");
            }
        }
    }

    /** A throttle, a lost transaction race or a timeout is 503 and worth a retry; anything else is our bug. */
    private Problem unexpected(RuntimeException e) {
        if (TransientFailures.isTransient(e)) {
            LOG.warn("transient failure in {}: {}", route.id(), e.toString());
            return ProblemType.SERVICE_UNAVAILABLE.problem("Busy right now; retry after a second");
        }
        LOG.error("unhandled error in {}", route.id(), e);
        return ProblemType.INTERNAL.problem("The error has been logged; quote the correlation id when you report it");
    }

    private static APIGatewayV2HTTPResponse withCorrelationHeader(APIGatewayV2HTTPResponse response, String correlationId) {
        Map<String, String> headers = response.getHeaders() == null ? new HashMap<>() : new HashMap<>(response.getHeaders());
        headers.put("X-Correlation-Id", correlationId);
        response.setHeaders(headers);
        return response;
    }
}
