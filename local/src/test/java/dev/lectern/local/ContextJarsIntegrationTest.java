package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lectern.core.auth.KeySetSource;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.identity.TokenIssuer;
import dev.lectern.local.emulators.LocalResources;
import dev.lectern.local.emulators.SharedEmulators;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What Lambda runs is each context's packaged jar, not this module's classpath: every function
 * is built from its context's {@code -lambda.jar} alone (a class loader that sees the jar and the
 * JDK, nothing else), with only its granted environment; its SnapStart primers run without a
 * failure, every API function answers a request without a 5xx (signed-in routes with a valid
 * token, so that their own code runs), the jar carries the SDK client
 * of every resource the function is granted, and its Logback configuration builds. A jar that lacks a class its functions load (an SDK module trimmed too
 * far, an event type filtered out) fails here, not on AWS. The jars are built by the package
 * phase that precedes these tests in {@code ./mvnw verify}.
 */
class ContextJarsIntegrationTest {

    private static final String UNKNOWN_ID = "01JD0000000000000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, URLClassLoader> LOADERS = new HashMap<>();
    private static String token;

    @TestFactory
    Stream<DynamicContainer> everyFunctionStartsFromItsContextsJarAlone() {
        return LecternCatalog.contexts().stream().map(context -> DynamicContainer.dynamicContainer(context.module(),
                Stream.concat(LecternCatalog.functionsOf(context).map(function -> DynamicTest.dynamicTest(function.id(), () -> {
                    ClassLoader jar = loaderOf(context);
                    for (String client : clientsFor(function)) {
                        assertThat(jar.getResource(client.replace('.', '/') + ".class"))
                                .as(function.id() + " is granted what needs " + client + ", which its jar must carry").isNotNull();
                    }
                    if (!LocalResources.runsLocally(function)) {
                        // nothing stands in for EMR Serverless here: the starter runs against one in its module's tests
                        return;
                    }
                    Answer answer = ContextJarsIntegrationTest.<Answer>runInJar(jar, SharedEmulators.environmentFor(function),
                            () -> buildPrimeAndCall(jar, function));
                    assertThat(answer.status()).as(function.id() + " answered from its jar").isLessThan(500);
                    if (function instanceof Route route && route.auth() != Auth.PUBLIC) {
                        assertThat(answer.tokenRefused()).as(function.id() + " took the token and ran its own code").isFalse();
                    }
                })), Stream.of(DynamicTest.dynamicTest("its logging configuration loads", () -> {
                    // run after the functions: Logback configured itself when their handlers started
                    ClassLoader jar = loaderOf(context);
                    assertThat(ContextJarsIntegrationTest.<Boolean>runInJar(jar, Map.of(), () -> jsonAppenderConfigured(jar)))
                            .as("the JSON appender of core's LogbackConfigurator, built from " + context.module() + "'s jar alone").isTrue();
                })))));
    }

    /** The SDK client each granted resource is reached with. */
    private static List<String> clientsFor(FunctionSpec function) {
        return function.effectiveAccess().stream().map(access -> switch (access.resource()) {
            case TABLE -> "software.amazon.awssdk.services.dynamodb.DynamoDbClient";
            case MEDIA_BUCKET, ANALYTICS_BUCKET -> "software.amazon.awssdk.services.s3.S3Client";
            case PAYMENTS_QUEUE, BEHAVIOUR_QUEUE, ACCOUNTS_QUEUE -> access.mode() == Access.Mode.SEND
                    ? "software.amazon.awssdk.services.sqs.SqsClient" : null;
            case SIGNING_KEYS, VERIFICATION_KEYS, STRIPE_KEYS -> "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient";
            case EMR_APPLICATION -> "software.amazon.awssdk.services.emrserverless.EmrServerlessClient";
            case EMR_JOB_ROLE, SPARK_JOB_JAR -> null;
        }).filter(Objects::nonNull).distinct().toList();
    }

    /** Logback falls back to a plain-text console appender of its own when the jar's configurator is not found. */
    private static boolean jsonAppenderConfigured(ClassLoader jar) {
        try {
            Object context = jar.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
            Object root = context.getClass().getMethod("getLogger", String.class).invoke(context, "ROOT");
            Object appender = root.getClass().getMethod("getAppender", String.class).invoke(root, "JsonAppender");
            return appender != null && appender.getClass().getMethod("getEncoder").invoke(appender).getClass().getName()
                    .equals("dev.lectern.core.logging.LambdaJsonEncoder");
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the jar's Logback configuration", e);
        }
    }

    /**
     * One loader per context, shared by its functions as the local platform shares one JVM: each
     * function still builds its own handler and Micronaut context inside its own environment.
     */
    private static synchronized ClassLoader loaderOf(ContextFunctions context) throws IOException {
        URLClassLoader loader = LOADERS.get(context.module());
        if (loader == null) {
            loader = new URLClassLoader(new URL[] {jarOf(context).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            LOADERS.put(context.module(), loader);
        }
        return loader;
    }

    private static Path jarOf(ContextFunctions context) throws IOException {
        Path target = Path.of("..", "functions", context.module(), "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no -lambda.jar in " + target.toAbsolutePath()
                            + ": the package phase builds it (./mvnw verify runs it before these tests)"));
        }
    }

    /** As the Lambda runtime does: the jar's loader is the thread's context loader, and the environment is the function's. */
    @SuppressWarnings("unchecked")
    private static <T> T runInJar(ClassLoader jar, Map<String, String> env, Supplier<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(jar);
        try {
            Method callWith = jar.loadClass("dev.lectern.core.config.FunctionEnvironment").getMethod("callWith", Map.class, Supplier.class);
            return (T) callWith.invoke(null, env, work);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The serializer Lambda's Java runtime uses for a handler's input type: for the event types its
     * serialization library supports (SQS, DynamoDB streams, S3…) that library's own, which
     * registers a Joda-Time module loaded from the function's classes whatever the event; for
     * others (API Gateway v2's event, a schedule's map) its plain Jackson one. So only a jar with
     * an SQS or stream consumer needs Joda-Time, and this fails for such a jar that lacks it.
     */
    private static PojoSerializer<?> runtimeSerializer(Class<?> type, ClassLoader jar) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, jar)
                : JacksonFactory.getInstance().getSerializer(type);
    }

    /** The {@code I} of the handler's {@code RequestHandler<I, O>} (through LecternHandler). */
    private static Class<?> inputType(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType type
                    && type.getRawType().getTypeName().equals("dev.lectern.core.aws.LecternHandler")) {
                Type input = type.getActualTypeArguments()[0];
                return input instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) input;
            }
        }
        throw new AssertionError(handlerClass + " is no LecternHandler");
    }

    /** An API function's answer: its status, and whether it was the token verifier's refusal (its challenge header). */
    private record Answer(int status, boolean tokenRefused) {
    }

    /**
     * Builds the handler with its no-argument constructor and runs its SnapStart primers (none may
     * fail); an API function then answers one request, others answer nothing (status 0).
     */
    private static Answer buildPrimeAndCall(ClassLoader jar, FunctionSpec function) {
        try {
            Class<?> handlerClass = jar.loadClass(function.handlerClass().getName());
            // the runtime builds its parser of the handler's input type from the function's classes first:
            // for SQS and DynamoDB stream events that parser needs Joda-Time (see runtimeSerializer)
            PojoSerializer<?> input = runtimeSerializer(inputType(handlerClass), jar);
            Object handler = handlerClass.getDeclaredConstructor().newInstance();
            requireServiceIndex(jar, function);
            Object primed = jar.loadClass("dev.lectern.core.priming.Priming").getMethod("prime", String.class).invoke(null, function.id());
            int ran = (Integer) primed.getClass().getMethod("ran").invoke(primed);
            int failed = (Integer) primed.getClass().getMethod("failed").invoke(primed);
            if (ran == 0 || failed > 0) {
                throw new AssertionError(function.id() + " primed from its jar: " + ran + " primers ran, " + failed + " failed (see the log)");
            }
            Answer answer = new Answer(0, false);
            if (function instanceof Route route) {
                // parsed as the Lambda runtime parses it, over the function's own classes
                Object event = input.fromJson(eventJson(route));
                Class<?> contextType = jar.loadClass("com.amazonaws.services.lambda.runtime.Context");
                Object lambdaContext = Proxy.newProxyInstance(jar, new Class<?>[] {contextType}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "jar-test";
                    case "getFunctionName" -> function.id();
                    case "getMemoryLimitInMB", "getRemainingTimeInMillis" -> 1024;
                    default -> method.getReturnType() == int.class ? 0 : null;
                });
                Object response = handler.getClass().getMethod("handleRequest", Object.class, contextType).invoke(handler, event, lambdaContext);
                Map<?, ?> headers = (Map<?, ?>) response.getClass().getMethod("getHeaders").invoke(response);
                answer = new Answer((Integer) response.getClass().getMethod("getStatusCode").invoke(response),
                        headers != null && headers.containsKey("WWW-Authenticate"));
            }
            if (handler instanceof AutoCloseable closeable) {
                closeable.close();
            }
            return answer;
        } catch (InvocationTargetException e) {
            throw new AssertionError(function.id() + " fails from its jar", e.getCause());
        } catch (Exception e) {
            throw new AssertionError(function.id() + " fails from its jar", e);
        }
    }

    /**
     * From its jar alone, Micronaut's services are listed from the jar's directory (core's
     * JarServiceIndex), not scanned through a zip file system: the four types a bean context loads.
     */
    private static void requireServiceIndex(ClassLoader jar, FunctionSpec function) throws ReflectiveOperationException {
        Class<?> optimizations = jar.loadClass("io.micronaut.core.io.service.SoftServiceLoader$Optimizations");
        Optional<?> installed = (Optional<?>) jar.loadClass("io.micronaut.core.optim.StaticOptimizations")
                .getMethod("get", Class.class).invoke(null, optimizations);
        assertThat(installed).as(function.id() + ": the jar's service index").isPresent();
        Map<?, ?> loaders = (Map<?, ?>) optimizations.getMethod("getServiceLoaders").invoke(installed.get());
        assertThat(loaders.keySet()).as(function.id()).map(Object::toString).containsExactlyInAnyOrder(
                "io.micronaut.core.convert.TypeConverterRegistrar", "io.micronaut.inject.BeanDefinitionReference",
                "io.micronaut.inject.BeanConfiguration", "io.micronaut.core.beans.BeanIntrospectionReference");
    }

    /**
     * A valid access token (signed with the local key set, all roles) for a user who has no
     * account: signed-in routes get past authentication and into their own code, which answers
     * for ids that name nothing.
     */
    private static synchronized String adminToken() {
        if (token == null) {
            FunctionSpec login = LecternCatalog.function("login").orElseThrow();
            token = FunctionEnvironment.callWith(SharedEmulators.environmentFor(login), () -> new TokenIssuer(
                    new KeySetSource(LecternConfig.fromEnvironment(), Clock.systemUTC(), () -> null), Clock.systemUTC())
                    .accessToken(Ids.newId(), "Jar Test", Set.of("learner", "creator", "admin"), 0));
        }
        return token;
    }

    private static String eventJson(Route route) throws IOException {
        String path = route.isDefaultRoute() ? "/no/such/route" : route.path().replaceAll("\\{[^}]+}", UNKNOWN_ID);
        var request = new GatewayEvents.HttpRequest(route.isDefaultRoute() ? "GET" : route.method(), path, null,
                route.auth() == Auth.PUBLIC ? Map.of("Content-Type", List.of("application/json"))
                        : Map.of("Content-Type", List.of("application/json"), "Authorization", List.of("Bearer " + adminToken())),
                "{}".getBytes(), "127.0.0.1", "localhost");
        APIGatewayV2HTTPEvent event = GatewayEvents.toEvent(request, route,
                route.pathParameters().stream().collect(Collectors.toMap(p -> p, p -> UNKNOWN_ID)), "jar-test", Instant.now());
        return JSON.writeValueAsString(event);
    }
}
