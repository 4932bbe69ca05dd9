package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.lectern.core.aws.AwsClients;
import dev.lectern.core.aws.LocalGrantGuard;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.StreamConsumer;
import dev.lectern.events.SampleEvents;
import dev.lectern.local.emulators.LocalResources;
import dev.lectern.local.emulators.SharedEmulators;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every function starts as it would on AWS: its handler is built with its no-argument
 * constructor in a JVM where it sees only the environment its catalog entry grants, and
 * answers an anonymous request to its route without a 5xx (a stream consumer: relays its sample batch). Its clients refuse what it was not
 * granted, as IAM would.
 */
class GrantedEnvironmentIntegrationTest {

    private static final String UNKNOWN_ID = "01JD0000000000000000000000";

    /** Every function the emulators can host: the Spark engine's starter runs against a stand-in of EMR Serverless in its module's test. */
    @TestFactory
    Stream<DynamicTest> everyFunctionIsBuiltWithOnlyItsGrantedEnvironment() {
        return LecternCatalog.functions().stream().filter(LocalResources::runsLocally).map(function -> DynamicTest.dynamicTest(function.id(), () -> {
            Map<String, String> env = SharedEmulators.environmentFor(function);

            Set<String> granted = function.effectiveAccess().stream().map(a -> LecternConfig.envName(a.resource()))
                    .collect(Collectors.toSet());
            Set<String> resourceVariables = Stream.of(ResourceId.values()).map(LecternConfig::envName).collect(Collectors.toSet());
            assertThat(env.keySet()).as("resource variables of " + function.id())
                    .filteredOn(resourceVariables::contains).allMatch(granted::contains);

            Object handler = FunctionEnvironment.callWith(env, () -> build(function));
            if (function instanceof Route route) {
                APIGatewayV2HTTPResponse response = FunctionEnvironment.callWith(env, () -> invoke(handler, route));
                assertThat(response.getStatusCode()).as(route.routeKey() + " answered " + response.getBody()).isLessThan(500);
            }
            if (function instanceof StreamConsumer consumer) {
                StreamsEventResponse response = FunctionEnvironment.callWith(env, () -> relaySample(handler, consumer));
                assertThat(response.getBatchItemFailures()).as(consumer.id() + " relayed its sample batch").isEmpty();
            }
            if (handler instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }));
    }

    @Test
    void aFunctionsClientsRefuseWhatItWasNotGranted() {
        FunctionSpec health = LecternCatalog.function("health").orElseThrow();
        Map<String, String> env = SharedEmulators.environmentFor(health);

        assertThat(env).doesNotContainKeys(LecternConfig.MEDIA_BUCKET, LecternConfig.ANALYTICS_BUCKET, LecternConfig.BEHAVIOUR_QUEUE_URL);
        DynamoDbClient dynamo = FunctionEnvironment.callWith(env,
                () -> new AwsClients().dynamoDb(LecternConfig.fromEnvironment(), UrlConnectionHttpClient.create()));
        String table = env.get(LecternConfig.TABLE_NAME);
        Map<String, AttributeValue> healthKey = Map.of("PK", AttributeValue.fromS("HEALTH"), "SK", AttributeValue.fromS("HEALTH"));

        assertThat(dynamo.getItem(b -> b.tableName(table).key(healthKey)).hasItem()).isFalse();
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(table).item(healthKey)))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("may not write");
        assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName(table).key(Map.of(
                "PK", AttributeValue.fromS("USER#x"), "SK", AttributeValue.fromS("PROFILE")))))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("outside the key prefixes");
        assertThatThrownBy(() -> dynamo.scan(b -> b.tableName(table))).isInstanceOf(LocalGrantGuard.NotGranted.class);
        assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName("another-table").key(healthKey)))
                .isInstanceOf(LocalGrantGuard.NotGranted.class).hasMessageContaining("not granted this table");
        assertThat(health.effectiveAccess()).extracting(Access::resource).containsExactly(ResourceId.TABLE);
    }

    /** A stream consumer's sample batch (events/.../samples/{@code <id>}.dynamodb-stream.json). */
    @SuppressWarnings("unchecked")
    private static StreamsEventResponse relaySample(Object handler, StreamConsumer consumer) {
        DynamodbEvent event = LambdaEventSerializers.serializerFor(DynamodbEvent.class, GrantedEnvironmentIntegrationTest.class.getClassLoader())
                .fromJson(SampleEvents.text(consumer.id() + ".dynamodb-stream.json"));
        return ((RequestHandler<DynamodbEvent, StreamsEventResponse>) handler)
                .handleRequest(event, SimpleLambdaContext.of("req", consumer.id(), consumer.memoryMb(), consumer.timeoutSeconds()));
    }

    private static Object build(FunctionSpec function) {
        try {
            return function.handlerClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(function.id() + " does not start with only its granted environment", e.getCause() != null ? e.getCause() : e);
        }
    }

    @SuppressWarnings("unchecked")
    private static APIGatewayV2HTTPResponse invoke(Object handler, Route route) {
        String path = route.isDefaultRoute() ? "/no/such/route" : route.path().replaceAll("\\{[^}]+}", UNKNOWN_ID);
        var request = new GatewayEvents.HttpRequest(route.isDefaultRoute() ? "GET" : route.method(), path, null,
                Map.of("Content-Type", List.of("application/json")), "{}".getBytes(), "127.0.0.1", "localhost");
        APIGatewayV2HTTPEvent event = GatewayEvents.toEvent(request, route,
                route.pathParameters().stream().collect(Collectors.toMap(p -> p, p -> UNKNOWN_ID)), "req", Instant.now());
        return ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler)
                .handleRequest(event, SimpleLambdaContext.of("req", route.id(), route.memoryMb(), route.timeoutSeconds()));
    }
}
