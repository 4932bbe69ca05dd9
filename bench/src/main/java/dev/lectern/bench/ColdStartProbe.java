package dev.lectern.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.priming.Priming;
import dev.lectern.events.SampleEvents;
import java.lang.management.ManagementFactory;

/**
 * One fresh JVM, as a Lambda cold start: builds the named handler, optionally runs its SnapStart
 * priming (what the snapshot is taken after; {@code primed} as the second argument), invokes it
 * once with the sample /health event, then warm a few times, and prints
 * {@code jvmStartToMain init firstInvoke warmInvoke eventParse priming} in milliseconds.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long started = System.nanoTime();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        // the event is parsed first and not counted: the Lambda runtime does that, whatever the handler, and
        // with its plain Jackson serializer, API Gateway v2's event not being one its event library maps
        APIGatewayV2HTTPEvent event = JacksonFactory.getInstance().getSerializer(APIGatewayV2HTTPEvent.class)
                .fromJson(SampleEvents.text("health-get.apigw-v2.json"));
        long t0 = System.nanoTime();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long primingStarted = System.nanoTime();
        if (args.length > 1 && args[1].equals("primed") && Priming.prime("health").ran() == 0) {
            throw new IllegalStateException(args[0] + " registered no primer");
        }
        long t1 = System.nanoTime();
        APIGatewayV2HTTPResponse first = handler.handleRequest(event, SimpleLambdaContext.of("cold", "health", 512, 10));
        long t2 = System.nanoTime();
        if (first.getStatusCode() != 200) {
            throw new IllegalStateException("first response was " + first.getStatusCode() + ": " + first.getBody());
        }
        long warmTotal = 0;
        int warmRuns = 20;
        for (int i = 0; i < warmRuns; i++) {
            long w0 = System.nanoTime();
            handler.handleRequest(event, SimpleLambdaContext.of("warm-" + i, "health", 512, 10));
            warmTotal += System.nanoTime() - w0;
        }
        System.out.printf("%d %.1f %.1f %.2f %.1f %.1f%n", mainAt - jvmStart, (primingStarted - t0) / 1e6, (t2 - t1) / 1e6,
                warmTotal / 1e6 / warmRuns, (t0 - started) / 1e6, (t1 - primingStarted) / 1e6);
        System.exit(0);
    }
}
