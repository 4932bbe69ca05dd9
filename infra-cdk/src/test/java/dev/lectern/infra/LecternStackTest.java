package dev.lectern.infra;

import static dev.lectern.infra.TestApps.policy;
import static dev.lectern.infra.TestApps.policyText;
import static dev.lectern.infra.TestApps.props;
import static dev.lectern.infra.TestApps.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.analytics.EventParquet;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.http.Json;
import dev.lectern.core.metrics.LecternMetrics;
import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.core.routes.StreamConsumer;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The synthesized stacks of a production-like stage and a dev stage, against the catalog. */
class LecternStackTest {

    /** Both stages run the similarity job in its function: the Spark engine's starter is not deployed (SparkEngineStackTest). */
    private static final StageSettings PROD = new StageSettings("prod");

    private static TestApps.Synthesized prod;
    private static TestApps.Synthesized dev;

    @BeforeAll
    static void synthesize() {
        prod = TestApps.synthesize("prod", LecternCatalog.contexts());
        dev = TestApps.synthesize("dev", LecternCatalog.contexts());
    }

    /** The catalog's functions the stages deploy. */
    private static List<FunctionSpec> deployed() {
        return LecternCatalog.functions().stream().filter(PROD::deploys).toList();
    }

    private static Stream<FunctionSpec> deployedOf(ContextFunctions context) {
        return LecternCatalog.functionsOf(context).filter(PROD::deploys);
    }

    private static Template contextOf(FunctionSpec spec) {
        return prod.context(spec.module());
    }

    private static FunctionSpec spec(String id) {
        return LecternCatalog.function(id).orElseThrow();
    }

    private static String policyOf(String functionId) {
        return policyText(contextOf(spec(functionId)), Ids.pascal(functionId));
    }

    /** The logical id of a data-stack resource: exports and imports carry it in their names. */
    private static String dataRef(String constructId, String type) {
        return resource(prod.data(), type, constructId).getKey();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environmentOf(FunctionSpec spec) {
        Map<String, Object> function = props(resource(contextOf(spec), "AWS::Lambda::Function", Ids.pascal(spec.id()) + "Function").getValue());
        return (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
    }

    // --- the stacks ----------------------------------------------------------------------------------

    @Test
    void oneStackForDataOneForTheApiOneForTheWebOnePerContextAndOneForTheStage() {
        List<String> names = prod.stacks().all().stream().map(Stack::getStackName).toList();
        List<String> expected = new ArrayList<>(List.of("Lectern-prod-data", "Lectern-prod-api", "Lectern-prod-web"));
        LecternCatalog.contexts().forEach(c -> expected.add("Lectern-prod-" + c.module()));
        expected.add("Lectern-prod-stage");

        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
        // a context module (one that packages a Lambda jar) the app does not depend on would silently not be deployed
        List<String> modules = TestApps.contextModules();
        assertThat(prod.stacks().contexts().keySet()).containsExactlyInAnyOrderElementsOf(modules);
    }

    @Test
    void contextsDependOnDataApiAndWebOnlyAndTheStageComesAfterEveryContext() {
        LecternStacks stacks = prod.stacks();
        assertThat(stacks.data().getDependencies()).isEmpty();
        assertThat(stacks.api().getDependencies()).isEmpty();
        for (ContextStack context : stacks.contexts().values()) {
            assertThat(context.getDependencies()).as(context.getStackName())
                    .allMatch(d -> d == stacks.data() || d == stacks.api() || d == stacks.web());
        }
        assertThat(stacks.stage().getDependencies()).containsAll(stacks.contexts().values());
        // the API stack holds the API alone: its routes live with their functions, its stage in the stage stack
        prod.api().resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        assertThat(prod.api().toJSON().get("Resources").toString()).doesNotContain("AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Stage");
    }

    @Test
    void everyStackStaysWithinTheResourceBudget() {
        for (TestApps.Synthesized stage : List.of(prod, dev)) {
            for (Stack stack : stage.stacks().all()) {
                int count = stage.of(stack).toJSON().get("Resources") instanceof Map<?, ?> r ? r.size() : 0;
                System.out.println("[lectern] " + stack.getStackName() + ": " + count + " resources");
                assertThat(count).as(stack.getStackName()).isLessThanOrEqualTo(ResourceBudget.MAX_RESOURCES)
                        .isEqualTo(ResourceBudget.count(stack));
            }
        }
    }

    @Test
    void theOutputsStayAvailable() {
        assertThat(prod.stage().findOutputs("ApiUrl")).hasSize(1);
        assertThat(prod.data().findOutputs("TableName")).hasSize(1);
        assertThat(prod.data().findOutputs("AlarmTopicArn")).hasSize(1);
    }

    // --- functions -----------------------------------------------------------------------------------

    @Test
    void oneFunctionPerCatalogEntryOnJava21Arm64WithSnapStartAndALiveAlias() {
        int total = 0;
        for (ContextFunctions context : LecternCatalog.contexts()) {
            Template template = prod.context(context.module());
            int count = (int) deployedOf(context).count();
            total += count;
            template.resourceCountIs("AWS::Lambda::Function", count);
            template.allResourcesProperties("AWS::Lambda::Function", Map.of(
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
            template.resourceCountIs("AWS::Lambda::Alias", count);
            template.resourceCountIs("AWS::Lambda::Version", count);
            template.allResourcesProperties("AWS::Lambda::Alias", Map.of("Name", ContextStack.LIVE_ALIAS));
        }
        assertThat(total).isEqualTo(deployed().size());
        for (Template other : List.of(prod.data(), prod.api(), prod.stage())) {
            other.resourceCountIs("AWS::Lambda::Function", 0);
        }
        // the web stack's one function is CDK's, copying the site's build into its bucket on deploy
        prod.web().resourceCountIs("AWS::Lambda::Function", 1);
    }

    @Test
    void memoryTimeoutAndHandlerComeFromTheCatalog() {
        for (FunctionSpec spec : deployed()) {
            contextOf(spec).hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", spec.handler() + "::handleRequest",
                    "MemorySize", spec.memoryMb(),
                    "Timeout", spec.timeoutSeconds()));
        }
    }

    @Test
    void eachContextLogsToOneLogGroupInJsonKeptAMonth() {
        for (ContextFunctions context : LecternCatalog.contexts()) {
            Template template = prod.context(context.module());
            template.resourceCountIs("AWS::Logs::LogGroup", 1);
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
            String logGroup = template.findResources("AWS::Logs::LogGroup").keySet().iterator().next();
            template.allResourcesProperties("AWS::Lambda::Function", Map.of("LoggingConfig", Map.of(
                    "LogFormat", "JSON", "LogGroup", Map.of("Ref", logGroup))));
        }
    }

    @Test
    void eachFunctionHasARoleOfItsOwnThatWritesOnlyToItsContextsLogGroup() {
        for (ContextFunctions context : LecternCatalog.contexts()) {
            Template template = prod.context(context.module());
            assertThat(template.findResources("AWS::IAM::Role").values()).as(context.module())
                    .noneMatch(role -> props(role).containsKey("ManagedPolicyArns"));
            String logGroup = template.findResources("AWS::Logs::LogGroup").keySet().iterator().next();
            deployedOf(context).forEach(spec -> {
                String role = resource(template, "AWS::IAM::Role", Ids.pascal(spec.id()) + "FunctionServiceRole").getKey();
                template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                        "Handler", spec.handler() + "::handleRequest",
                        "Role", Map.of("Fn::GetAtt", List.of(role, "Arn"))));
                template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                        "Roles", List.of(Map.of("Ref", role)),
                        "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                "Effect", "Allow",
                                "Resource", Map.of("Fn::GetAtt", List.of(logGroup, "Arn"))))))));
                assertThat(policyOf(spec.id()).split("logs:", -1)).as(spec.id()).hasSize(3);
            });
        }
    }

    @Test
    void eachFunctionsEnvironmentIsFunctionEnvironmentPlusJavaToolOptions() {
        for (FunctionSpec spec : deployed()) {
            Map<String, String> expected = FunctionEnvironment.of(spec, "prod", resource -> "<" + resource + ">");
            Map<String, Object> actual = environmentOf(spec);

            Set<String> keys = new LinkedHashSet<>(expected.keySet());
            keys.add("JAVA_TOOL_OPTIONS");
            if (LecternCatalog.contexts().stream().anyMatch(c -> c.module().equals(spec.module()) && c.linksToSite())) {
                // the web distribution's URL (WebStackTest)
                keys.add(FunctionEnvironment.SITE_URL);
            }
            if (spec instanceof Route route && route.throttlesByNetwork()) {
                // the web distribution's secret (WebStackTest)
                keys.add(FunctionEnvironment.EDGE_SECRET);
                keys.add(FunctionEnvironment.EDGE_SECRET_GENERATION);
            }
            assertThat(actual.keySet()).as(spec.id()).containsExactlyInAnyOrderElementsOf(keys);
            // C1 only (Lambda's java21 default) but for the model build, whose numeric loops need C2
            assertThat(actual.get("JAVA_TOOL_OPTIONS")).as(spec.id()).isEqualTo(spec.id().equals("similarity")
                    ? "-XX:+TieredCompilation -XX:TieredStopAtLevel=4" : "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            // resource values are tokens (imports from the data stack); every other value is the same string
            expected.forEach((key, value) -> {
                if (!value.startsWith("<")) {
                    assertThat(actual.get(key)).as(spec.id() + " " + key).isEqualTo(value);
                }
            });
        }
        assertThat(environmentOf(LecternCatalog.fallback())).containsKey(FunctionEnvironment.ROUTE_KEYS);
        assertThat(deployed()).extracting(FunctionSpec::id).contains("similarity");
    }

    // --- grants --------------------------------------------------------------------------------------

    @Test
    void everyFunctionIsGrantedExactlyTheResourcesOfItsCatalogEntry() {
        Map<ResourceId, String> logicalIds = new EnumMap<>(ResourceId.class);
        logicalIds.put(ResourceId.TABLE, dataRef("Table", "AWS::DynamoDB::Table"));
        logicalIds.put(ResourceId.MEDIA_BUCKET, dataRef("MediaBucket", "AWS::S3::Bucket"));
        logicalIds.put(ResourceId.ANALYTICS_BUCKET, dataRef("AnalyticsBucket", "AWS::S3::Bucket"));
        logicalIds.put(ResourceId.PAYMENTS_QUEUE, dataRef("PaymentsQueue", "AWS::SQS::Queue"));
        logicalIds.put(ResourceId.BEHAVIOUR_QUEUE, dataRef("BehaviourQueue", "AWS::SQS::Queue"));
        logicalIds.put(ResourceId.SIGNING_KEYS, dataRef("JwtSigningKeys", "AWS::SecretsManager::Secret"));
        logicalIds.put(ResourceId.VERIFICATION_KEYS, dataRef("JwtVerificationKeys", "AWS::SecretsManager::Secret"));
        logicalIds.put(ResourceId.STRIPE_KEYS, dataRef("StripeKeys", "AWS::SecretsManager::Secret"));

        for (FunctionSpec spec : deployed()) {
            // a stream consumer's mapping grants reading the table's stream (its own test), none of the table's items
            String policy = policyOf(spec.id()).replace(logicalIds.get(ResourceId.TABLE) + "StreamArn", "TableStreamArn");
            Set<ResourceId> granted = spec.effectiveAccess().stream().map(Access::resource).collect(Collectors.toSet());
            logicalIds.forEach((resource, logicalId) -> {
                if (granted.contains(resource)) {
                    assertThat(policy).as(spec.id() + " is granted " + resource).contains(logicalId);
                } else {
                    assertThat(policy).as(spec.id() + " is not granted " + resource).doesNotContain(logicalId);
                }
            });
        }
    }

    @Test
    void theHealthFunctionMayReadTheTableAndNothingElse() {
        String policy = policyOf("health");

        assertThat(policy).contains("dynamodb:GetItem", "dynamodb:Query", "Table")
                .doesNotContain("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan", "s3:", "sqs:",
                        "secretsmanager:");
        prod.context("platform").hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.lectern.platform.HealthHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "LECTERN_TABLE_NAME", Match.anyValue(),
                        "LECTERN_STAGE", "prod")))));
        assertThat(environmentOf(spec("health")))
                .doesNotContainKeys("LECTERN_MEDIA_BUCKET", "LECTERN_ANALYTICS_BUCKET", "LECTERN_BEHAVIOUR_QUEUE_URL");
    }

    @Test
    void onlyTheFunctionsThatSignReadTheSigningKeysAndProtectedRoutesReadTheVerificationKeys() {
        String signing = dataRef("JwtSigningKeys", "AWS::SecretsManager::Secret");
        String verification = dataRef("JwtVerificationKeys", "AWS::SecretsManager::Secret");

        assertThat(policyOf("login")).contains(signing).doesNotContain(verification);
        assertThat(policyOf("refresh")).contains(signing);
        assertThat(policyOf("get-me")).contains(verification).doesNotContain(signing);
        assertThat(policyOf("set-user-roles")).contains(verification).doesNotContain(signing);
        assertThat(policyOf("jwks")).contains(verification).doesNotContain(signing).doesNotContain("dynamodb:");
        assertThat(policyOf("register")).doesNotContain(signing).doesNotContain(verification);
        assertThat(policyOf("health")).doesNotContain("secretsmanager:");
    }

    @Test
    void onlyTheWebhookSendsToThePaymentsQueueAndOnlyStripesCallersReadItsKeys() {
        String payments = dataRef("PaymentsQueue", "AWS::SQS::Queue");
        String stripeKeys = dataRef("StripeKeys", "AWS::SecretsManager::Secret");
        List<String> sending = deployed().stream().map(FunctionSpec::id)
                .filter(id -> policyOf(id).contains(payments) && policyOf(id).contains("sqs:SendMessage")).toList();
        List<String> reading = deployed().stream().map(FunctionSpec::id)
                .filter(id -> policyOf(id).contains(stripeKeys)).toList();

        assertThat(sending).containsExactly("stripe-webhook");
        assertThat(reading).containsExactlyInAnyOrder("checkout", "refund-order", "stripe-webhook", "payment-events");
        assertThat(policyOf("stripe-webhook")).doesNotContain("dynamodb:");
        // the consumer receives through its event-source mapping, the commerce stack's only one
        assertThat(prod.context("commerce").findResources("AWS::Lambda::EventSourceMapping")).hasSize(1)
                .allSatisfy((id, mapping) -> assertThat(Json.write(mapping)).contains(payments));
    }

    @Test
    void onlyTheMediaRoutesTouchTheMediaBucketAndOnlyAsTheyNeed() {
        String media = dataRef("MediaBucket", "AWS::S3::Bucket");

        assertThat(policyOf("lesson-content")).contains(media, "s3:GetObject").doesNotContain("s3:PutObject", "s3:DeleteObject");
        assertThat(policyOf("upload-lesson-media")).contains(media, "s3:PutObject").doesNotContain("s3:GetObject");
        assertThat(policyOf("delete-lesson")).contains(media, "s3:DeleteObject");
        assertThat(policyOf("get-course")).doesNotContain(media);
        assertThat(policyOf("create-course")).doesNotContain(media);
        assertThat(policyOf("search-courses")).doesNotContain(media).doesNotContain("dynamodb:PutItem");
    }

    @Test
    void recommendationsReachOnlyTheirPrefixesOfTheAnalyticsBucket() {
        // the event log holds learners' ids: serving reads the model's prefix only, the job also the Parquet files
        for (String serving : List.of("similar-courses", "recommendations")) {
            assertThat(policyOf(serving)).as(serving).contains("/recommend/*", "s3:GetObject")
                    .doesNotContain("/events-parquet/*", "s3:PutObject", "s3:DeleteObject").doesNotContain(", /*]");
        }
        assertThat(policyOf("similarity")).contains("/recommend/*", "/events-parquet/*", "s3:PutObject", "s3:DeleteObject")
                .doesNotContain("/events/*");
        assertThat(policyOf("analytics-daily")).as("a grant without prefixes reaches the whole bucket").contains(", /*]");
    }

    /** What a stream consumer's mapping grants: the table's stream, not its items. */
    private static final Set<Object> STREAM_READ = Set.of("dynamodb:ListStreams", "dynamodb:DescribeStream", "dynamodb:GetRecords",
            "dynamodb:GetShardIterator");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tableStatements(String functionId) {
        Map<String, Object> policy = policy(contextOf(spec(functionId)), Ids.pascal(functionId));
        if (policy == null) {
            return List.of();
        }
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) props(policy).get("PolicyDocument")).get("Statement");
        return statements.stream().filter(s -> String.valueOf(s.get("Action")).contains("dynamodb:"))
                .filter(s -> !STREAM_READ.containsAll(s.get("Action") instanceof List<?> list ? list : List.of(s.get("Action")))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> leadingKeys(String functionId) {
        Set<String> keys = new HashSet<>();
        for (Map<String, Object> statement : tableStatements(functionId)) {
            Map<String, Object> condition = (Map<String, Object>) statement.get("Condition");
            assertThat(condition).as(functionId + " table statement has a LeadingKeys condition").isNotNull();
            keys.addAll((List<String>) ((Map<String, Object>) condition.get("ForAllValues:StringLike")).get("dynamodb:LeadingKeys"));
            assertThat((Map<String, Object>) condition.get("Null")).as(functionId + ": a request must name its keys")
                    .containsEntry("dynamodb:LeadingKeys", "false");
        }
        return keys;
    }

    @Test
    void tableGrantsReachOnlyTheirKeyPrefixes() {
        assertThat(leadingKeys("health")).containsExactly("HEALTH*");
        assertThat(tableStatements("health")).singleElement().satisfies(s -> assertThat(s.get("Action"))
                .isEqualTo(DataStack.TABLE_READ_ACTIONS));

        assertThat(leadingKeys("get-course")).contains("COURSE#*", "ENTITLEMENTS#*").doesNotContain("USER#*", "EMAIL#*");
        assertThat(leadingKeys("create-course")).contains("COURSE#*").doesNotContain("USER#*", "REFRESH#*");
        assertThat(leadingKeys("get-me")).contains("USER#*").doesNotContain("COURSE#*", "ENTITLEMENTS#*");
        assertThat(leadingKeys("login")).contains("USER#*", "EMAIL#*").doesNotContain("COURSE#*");
        assertThat(leadingKeys("jwks")).isEmpty();
    }

    @Test
    void everyTableStatementIsTheCatalogsModeOnTheTableAndItsIndexesUnderItsPrefixesAndNeverScans() {
        for (FunctionSpec spec : deployed()) {
            List<Access> tableAccess = spec.effectiveAccess().stream().filter(a -> a.resource() == ResourceId.TABLE).toList();
            List<Map<String, Object>> statements = tableStatements(spec.id());
            assertThat(statements).as(spec.id()).hasSize(tableAccess.size());
            Set<String> expectedKeys = tableAccess.stream().flatMap(a -> a.keyPrefixes().stream()).map(p -> p + "*")
                    .collect(Collectors.toSet());
            assertThat(leadingKeys(spec.id())).as(spec.id()).isEqualTo(expectedKeys);
            for (Map<String, Object> statement : statements) {
                assertThat(String.valueOf(statement.get("Action"))).doesNotContain("Scan", "dynamodb:*", "DescribeTable");
                assertThat(String.valueOf(statement.get("Resource"))).contains("/index/*");
            }
            boolean writes = tableAccess.stream().anyMatch(a -> a.mode().writes());
            String actions = statements.toString();
            if (writes) {
                assertThat(actions).as(spec.id()).contains(DataStack.TABLE_WRITE_ACTIONS);
            } else {
                assertThat(actions).as(spec.id()).doesNotContain("dynamodb:PutItem", "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
            }
        }
    }

    // --- the API -------------------------------------------------------------------------------------

    @Test
    void oneHttpRoutePerCatalogRouteInItsContextsStackAndTheDefaultRouteInThePlatformStack() {
        List<String> keys = new ArrayList<>();
        for (ContextFunctions context : LecternCatalog.contexts()) {
            List<String> inStack = prod.context(context.module()).findResources("AWS::ApiGatewayV2::Route").values().stream()
                    .map(r -> (String) props(r).get("RouteKey")).toList();
            List<String> declared = new ArrayList<>(context.routes().stream().map(Route::routeKey).toList());
            // every GET route also answers HEAD, through the same integration
            context.routes().stream().filter(r -> r.method().equals("GET")).forEach(r -> declared.add("HEAD " + r.path()));
            assertThat(inStack).as(context.module()).containsExactlyInAnyOrderElementsOf(declared);
            prod.context(context.module()).resourceCountIs("AWS::ApiGatewayV2::Integration", context.routes().size());
            // API Gateway's permission to invoke is per route: a GET route's HEAD route has its own
            prod.context(context.module()).resourceCountIs("AWS::Lambda::Permission", declared.size());
            keys.addAll(inStack);
        }
        List<String> expected = new ArrayList<>(LecternCatalog.routes().stream().map(Route::routeKey).toList());
        LecternCatalog.routes().stream().filter(r -> r.method().equals("GET")).forEach(r -> expected.add("HEAD " + r.path()));
        expected.add("$default");
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
        prod.context("platform").hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "$default"));
    }

    @Test
    void signInRoutesAreThrottledHarderThanTheApi() {
        Map<String, Object> stage = props(prod.stage().findResources("AWS::ApiGatewayV2::Stage").values().iterator().next());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> routes = (Map<String, Map<String, Object>>) stage.get("RouteSettings");

        assertThat(routes).containsKeys("POST /auth/login", "POST /auth/register", "POST /auth/refresh", "POST /auth/logout");
        assertThat(routes.get("POST /auth/login").get("ThrottlingRateLimit")).isEqualTo(20);
        assertThat(routes).doesNotContainKey("GET /health");
    }

    @Test
    void theApiLogsAccessThrottlesAndAllowsCors() {
        prod.stage().hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default",
                "AutoDeploy", true,
                "AccessLogSettings", Match.objectLike(Map.of("Format", Match.stringLikeRegexp(".*requestId.*"))),
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 500, "ThrottlingBurstLimit", 1000)));
        dev.stage().hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100)));
        prod.api().hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("CorsConfiguration", Match.objectLike(Map.of(
                "AllowOrigins", List.of("*"), "AllowHeaders", Match.arrayWith(List.of("authorization"))))));
    }

    // --- data ----------------------------------------------------------------------------------------

    @Test
    void theTableIsOnDemandWithRecoveryTtlEncryptionAndProtectedOutsideDev() {
        prod.data().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", LecternResources.TABLE.ttlAttribute(), "Enabled", true),
                "SSESpecification", Map.of("SSEEnabled", true),
                "DeletionProtectionEnabled", true));
        prod.data().hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
        dev.data().hasResourceProperties("AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", false));
        dev.data().hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete"));
    }

    @Test
    void bucketsBlockPublicAccessEnforceSslAndEncrypt() {
        Template data = prod.data();
        data.resourceCountIs("AWS::S3::Bucket", LecternResources.BUCKETS.size() + 1);
        data.allResourcesProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Match.objectLike(Map.of())));
        data.resourceCountIs("AWS::S3::BucketPolicy", LecternResources.BUCKETS.size() + 1);
        data.allResourcesProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        data.hasResourceProperties("AWS::S3::Bucket", Map.of("VersioningConfiguration", Map.of("Status", "Enabled")));
    }

    /**
     * The web app uploads lesson media straight to a presigned URL from the site's origin: only the
     * media bucket answers browsers across origins, for PUT, GET and HEAD with the header a presigned
     * upload signs, showing its ETag; any origin unless the stage names its site's.
     */
    @Test
    void onlyTheMediaBucketAllowsBrowserUploadsFromTheSiteOrAnyOriginWithoutOne() {
        Map<String, Object> withCors = Map.of("Properties", Match.objectLike(Map.of("CorsConfiguration", Match.anyValue())));
        Map<String, Map<String, Object>> cors = prod.data().findResources("AWS::S3::Bucket", withCors);
        assertThat(cors.keySet()).singleElement().asString().startsWith("MediaBucket");
        prod.data().hasResourceProperties("AWS::S3::Bucket", Map.of("CorsConfiguration", Map.of("CorsRules", List.of(Map.of(
                "AllowedOrigins", List.of("*"), "AllowedMethods", List.of("PUT", "GET", "HEAD"),
                "AllowedHeaders", List.of("content-type"), "ExposedHeaders", List.of("ETag"), "MaxAge", 3000)))));

        Template site = TestApps.synthesize(PROD, LecternCatalog.contexts(),
                Map.of(DataStack.SITE_ORIGINS, "https://learn.example.com, https://www.learn.example.com")).data();
        site.hasResourceProperties("AWS::S3::Bucket", Map.of("CorsConfiguration", Map.of("CorsRules", List.of(Match.objectLike(Map.of(
                "AllowedOrigins", List.of("https://learn.example.com", "https://www.learn.example.com"),
                "AllowedMethods", List.of("PUT", "GET", "HEAD")))))));
    }

    @Test
    void everyQueueHasAnEncryptedDeadLetterQueueAndPaymentsIsFifo() {
        Template data = prod.data();
        data.resourceCountIs("AWS::SQS::Queue", LecternResources.QUEUES.size() * 2);
        data.allResourcesProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
        LecternResources.QUEUES.forEach(q -> data.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "VisibilityTimeout", q.visibilityTimeoutSeconds(),
                "RedrivePolicy", Map.of("deadLetterTargetArn", Match.anyValue(), "maxReceiveCount", q.maxReceiveCount()))));
        data.hasResourceProperties("AWS::SQS::Queue", Map.of("FifoQueue", true, "RedrivePolicy", Match.anyValue()));
        data.resourceCountIs("AWS::SQS::QueuePolicy", LecternResources.QUEUES.size() * 2);
    }

    @Test
    void consumersReportPartialBatchFailuresWithTheCatalogsBatchSizeAndConcurrency() {
        int mappings = LecternCatalog.contexts().stream()
                .mapToInt(c -> prod.context(c.module()).findResources("AWS::Lambda::EventSourceMapping").size()).sum();
        assertThat(mappings).isEqualTo(LecternCatalog.consumers().size() + LecternCatalog.streamConsumers().size());
        for (Consumer c : LecternCatalog.consumers()) {
            contextOf(c).hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                    "BatchSize", c.batchSize(),
                    "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                    "ScalingConfig", Map.of("MaximumConcurrency", c.maxConcurrency())));
            int timeout = c.timeoutSeconds();
            int visibility = LecternResources.queue(c.queue()).visibilityTimeoutSeconds();
            assertThat(visibility).as("visibility timeout of " + c.queue() + " is at least 6x its consumer's timeout")
                    .isGreaterThanOrEqualTo(6 * timeout);
        }
    }

    @Test
    void streamConsumersReadTheTableStreamFilteredToItsOutboxWithBoundedRetriesAndAnAlarmedFailureQueue() {
        prod.data().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES")));
        assertThat(LecternCatalog.streamConsumers()).isNotEmpty();
        for (StreamConsumer c : LecternCatalog.streamConsumers()) {
            Template context = contextOf(c);
            String failureQueue = resource(context, "AWS::SQS::Queue", Ids.pascal(c.id()) + "FailureQueue").getKey();
            context.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                    "BatchSize", c.batchSize(),
                    "StartingPosition", "TRIM_HORIZON",
                    "BisectBatchOnFunctionError", true,
                    "MaximumRetryAttempts", c.maxRetryAttempts(),
                    "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                    "FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern",
                            "{\"dynamodb\":{\"NewImage\":{\"" + c.newImageAttribute() + "\":{\"L\":{\"S\":[{\"exists\":true}]}}}}}"))),
                    "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Map.of("Fn::GetAtt", List.of(failureQueue, "Arn")))),
                    "EventSourceArn", Match.anyValue()));
            context.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
            context.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateNumberOfMessagesVisible",
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(failureQueue, "QueueName")))),
                    "AlarmActions", Match.anyValue()));
            String policy = policyOf(c.id());
            assertThat(policy).contains("dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "sqs:SendMessage")
                    .doesNotContain("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:");
        }
    }

    @Test
    void schedulesInvokeTheLiveAliasInUtc() {
        int schedules = LecternCatalog.contexts().stream()
                .mapToInt(c -> prod.context(c.module()).findResources("AWS::Scheduler::Schedule").size()).sum();
        assertThat(schedules).isEqualTo(ContextStack.scheduledIn(PROD, LecternCatalog.schedules()).size());
        ContextStack.scheduledIn(PROD, LecternCatalog.schedules()).forEach(s -> contextOf(s).hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", s.expression(),
                "ScheduleExpressionTimezone", "UTC",
                "Target", Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", resource(contextOf(s), "AWS::Lambda::Alias", Ids.pascal(s.id()) + "Live").getKey()),
                        "Input", Match.stringLikeRegexp(".*<aws.scheduler.scheduled-time>.*"))))));
    }

    // --- alarms --------------------------------------------------------------------------------------

    @Test
    void alarmsWatchEveryDeadLetterQueue() {
        prod.data().resourceCountIs("AWS::CloudWatch::Alarm", LecternResources.QUEUES.size());
        prod.data().allResourcesProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible", "AlarmActions", Match.anyValue()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachContextAlarmsOnErrorsOrThrottlesOfEveryFunctionWithinCloudWatchsTenMetricLimit() {
        for (ContextFunctions context : LecternCatalog.contexts()) {
            Template template = prod.context(context.module());
            List<FunctionSpec> functions = deployedOf(context).toList();
            int expected = (functions.size() + ContextStack.FUNCTIONS_PER_ALARM - 1) / ContextStack.FUNCTIONS_PER_ALARM;
            Map<String, Map<String, Object>> all = template.findResources("AWS::CloudWatch::Alarm");
            // besides these, one alarm per stream consumer's failure queue
            assertThat(all).as(context.module()).hasSize(expected + context.streamConsumers().size());
            Map<String, Map<String, Object>> alarms = new HashMap<>();
            all.forEach((id, alarm) -> {
                if (props(alarm).containsKey("Metrics")) {
                    alarms.put(id, alarm);
                }
            });
            assertThat(alarms).as(context.module()).hasSize(expected);
            template.allResourcesProperties("AWS::CloudWatch::Alarm", Map.of("AlarmActions", Match.anyValue(), "Threshold", 1));

            Map<String, Integer> watched = new HashMap<>();
            for (Map<String, Object> alarm : alarms.values()) {
                List<Map<String, Object>> metrics = (List<Map<String, Object>>) props(alarm).get("Metrics");
                List<Map<String, Object>> stats = metrics.stream().filter(m -> m.containsKey("MetricStat")).toList();
                List<Map<String, Object>> expressions = metrics.stream().filter(m -> m.containsKey("Expression")).toList();
                assertThat(stats).hasSizeLessThanOrEqualTo(10);
                assertThat(expressions).singleElement().satisfies(e -> assertThat(e.get("ReturnData")).isEqualTo(true));
                String expression = (String) expressions.getFirst().get("Expression");
                stats.forEach(m -> assertThat(expression).contains("FILL(" + m.get("Id") + ", 0)"));
                for (Map<String, Object> stat : stats) {
                    Map<String, Object> metric = (Map<String, Object>) ((Map<String, Object>) stat.get("MetricStat")).get("Metric");
                    String function = String.valueOf(((List<Map<String, Object>>) metric.get("Dimensions")).getFirst().get("Value"));
                    watched.merge(function + " " + metric.get("MetricName"), 1, Integer::sum);
                }
            }
            // every function: its Errors and its Throttles, each in exactly one alarm
            assertThat(watched).as(context.module()).hasSize(2 * functions.size()).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
            for (FunctionSpec spec : functions) {
                String logicalId = resource(template, "AWS::Lambda::Function", Ids.pascal(spec.id()) + "Function").getKey();
                assertThat(watched).containsKeys("{Ref=" + logicalId + "} Errors", "{Ref=" + logicalId + "} Throttles");
            }
        }
    }

    // --- observability -------------------------------------------------------------------------------

    @Test
    void everyFunctionIsActivelyTracedAndItsRoleMayWriteTraces() {
        for (ContextFunctions context : LecternCatalog.contexts()) {
            prod.context(context.module()).allResourcesProperties("AWS::Lambda::Function",
                    Map.of("TracingConfig", Map.of("Mode", "Active")));
            dev.context(context.module()).allResourcesProperties("AWS::Lambda::Function",
                    Map.of("TracingConfig", Map.of("Mode", "Active")));
        }
        for (FunctionSpec spec : deployed()) {
            contextOf(spec).hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp(Ids.pascal(spec.id()) + "FunctionServiceRole[0-9A-F]{8}"))),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                            "Action", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                            "Effect", "Allow",
                            "Resource", "*"))))));
            // nothing else of X-Ray: no sampling rules, no reads of traces
            assertThat(policyOf(spec.id()).split("xray:", -1)).as(spec.id()).hasSize(3);
        }
    }

    @Test
    void everyFunctionWritesItsMetricsAsLogLinesToItsStagesNamespaceWithoutAnyMetricsPermission() {
        for (FunctionSpec spec : deployed()) {
            assertThat(environmentOf(spec)).as(spec.id())
                    .containsEntry(FunctionEnvironment.METRICS_NAMESPACE, "Lectern/prod")
                    .containsEntry(FunctionEnvironment.SERVICE_NAME, "lectern-" + spec.module());
            // EMF lines travel with the logs: no cloudwatch:PutMetricData
            assertThat(policyOf(spec.id())).as(spec.id()).doesNotContain("cloudwatch:");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> devVariables = (Map<String, Object>) ((Map<String, Object>) props(resource(dev.context("platform"),
                "AWS::Lambda::Function", "HealthFunction").getValue()).get("Environment")).get("Variables");
        assertThat(devVariables).containsEntry(FunctionEnvironment.METRICS_NAMESPACE, "Lectern/dev");
    }

    /** The dashboard's body as text: literal JSON with the references to other stacks' exports in between. */
    static String dashboardBody(Template stage) {
        Map<String, Map<String, Object>> dashboards = stage.findResources("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        return String.valueOf(props(dashboards.values().iterator().next()).get("DashboardBody"));
    }

    static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theStageStackHoldsTheStagesDashboard() {
        prod.stage().hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "Lectern-prod"));
        dev.stage().hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "Lectern-dev"));
        for (Template other : List.of(prod.data(), prod.api())) {
            other.resourceCountIs("AWS::CloudWatch::Dashboard", 0);
        }
        LecternCatalog.contexts().forEach(c -> prod.context(c.module()).resourceCountIs("AWS::CloudWatch::Dashboard", 0));
    }

    @Test
    void theDashboardShowsTheApiItsErrorsAndLatencyByItsId() {
        String body = dashboardBody(prod.stage());

        assertThat(body).contains("\"AWS/ApiGateway\",\"Count\"", "\"AWS/ApiGateway\",\"4xx\"", "\"AWS/ApiGateway\",\"5xx\"",
                "\"AWS/ApiGateway\",\"Latency\"", "\"AWS/ApiGateway\",\"IntegrationLatency\"", "\"stat\":\"p99\"");
        // the API's id, imported from the API stack
        String api = resource(prod.api(), "AWS::ApiGatewayV2::Api", "Api").getKey();
        assertThat(body).contains("Lectern-prod-api:ExportsOutputRef" + api);
        // Lectern's own counts by route: the worst routes by status class
        assertThat(body).contains("MetricName=\\\"Requests\\\" StatusClass=\\\"5xx\\\"", "StatusClass=\\\"4xx\\\"");
    }

    @Test
    void theDashboardNamesEveryDeadLetterQueueAndTheTablesThrottles() {
        String body = dashboardBody(prod.stage());

        for (var queue : LecternResources.QUEUES) {
            String dlq = dataRef(Ids.pascal(queue.baseName()) + "DeadLetterQueue", "AWS::SQS::Queue");
            assertThat(body).as(queue.baseName()).contains("ExportsOutputFnGetAtt" + dlq + "QueueName");
        }
        assertThat(count(body, "ApproximateNumberOfMessagesVisible")).isEqualTo(LecternResources.QUEUES.size());
        String table = dataRef("Table", "AWS::DynamoDB::Table");
        assertThat(body).contains("ExportsOutputRef" + table, "\"ReadThrottleEvents\"", "\"WriteThrottleEvents\"",
                "MetricName=\\\"SystemErrors\\\"", "GlobalSecondaryIndexName");
    }

    @Test
    void theDashboardFindsEveryFunctionOfTheStageAndTheBusinessCountsBySearch() {
        String body = dashboardBody(prod.stage());

        for (String metric : List.of("Errors", "Throttles", "Duration")) {
            assertThat(body).contains("{AWS/Lambda,FunctionName} MetricName=\\\"" + metric + "\\\"");
        }
        LecternCatalog.contexts().forEach(c -> assertThat(body).contains("FunctionName=Lectern-prod-" + c.module()));
        assertThat(body).contains("SORT(SEARCH(", "DESC, " + OperationsDashboard.TOP + ")")
                .contains("{\\\"Lectern/prod\\\",Service}")
                .contains(LecternMetrics.MESSAGES_FAILED, LecternMetrics.SCHEDULED_RUNS_FAILED);
        assertThat(prod.stacks().stage().dashboard().searches()).allSatisfy(search ->
                assertThat(search.length()).isLessThanOrEqualTo(OperationsDashboard.MAX_SEARCH_LENGTH));
        // one text widget and a fixed set of graphs, however many functions there are
        assertThat(count(body, "\"type\":\"text\"")).isEqualTo(1);
        assertThat(count(body, "\"type\":\"metric\"")).isEqualTo(DASHBOARD_GRAPHS);
    }

    static final int DASHBOARD_GRAPHS = 11;

    @Test
    void theDashboardSynthesizesWithoutWarnings() {
        assertThat(Annotations.fromStack(prod.stacks().stage()).findWarning("*", Match.anyValue()))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        // each line of a search is named by its route or function
        assertThat(dashboardBody(prod.stage())).contains("${PROP('Dim.Route')}", "${PROP('Dim.FunctionName')}");
    }

    // --- cdk-nag -------------------------------------------------------------------------------------

    @Test
    void cdkNagFindsNoUnsuppressedErrorInAnyStack() {
        assertThat(prod.nagErrors()).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(dev.nagErrors()).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @Test
    void cdkNagIsActiveAndWouldReportAnUnsafeResource() {
        App app = LecternApp.newApp();
        Stack probe = new Stack(app, "NagProbe");
        software.amazon.awscdk.services.sqs.Queue.Builder.create(probe, "PlainQueue").build();
        Aspects.of(app).add(new AwsSolutionsChecks());
        Template.fromStack(probe);

        assertThat(Annotations.fromStack(probe).findError("*", Match.stringLikeRegexp("AwsSolutions-SQS3.*"))).isNotEmpty();
    }

    @Test
    void theFunctionEngineDeploysNoSparkEngineAndItsScheduleRunsSimilarity() {
        Template recommend = prod.context("recommend");
        Scheduled similarity = (Scheduled) spec("similarity");

        assertThat(PROD.deploys(spec("similarity-emr"))).isFalse();
        for (Stack stack : prod.stacks().all()) {
            assertThat(prod.of(stack).toJSON().toString()).as(stack.getStackName())
                    .doesNotContain("AWS::EMRServerless::", "emr-serverless", "LECTERN_EMR_", "LECTERN_SPARK_", "SimilarityRunHandler");
        }
        recommend.resourceCountIs("AWS::Scheduler::Schedule", 1);
        recommend.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", similarity.expression(),
                "Target", Match.objectLike(Map.of("Arn", Map.of("Ref", resource(recommend, "AWS::Lambda::Alias", "SimilarityLive").getKey())))));
    }

    @Test
    void aStageNameMustBeSafeForResourceNames() {
        assertThatThrownBy(() -> new StageSettings("Prod_1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StageSettings("dev-alice").disposable()).isTrue();
        assertThat(new StageSettings("prod").disposable()).isFalse();
    }

    @Test
    void athenaReadsTheParquetLogThroughAProjectedTableAndAnEnforcedEncryptedWorkGroup() {
        prod.data().hasResourceProperties("AWS::Glue::Database", Map.of(
                "DatabaseInput", Map.of("Name", "lectern_prod_analytics")));
        prod.data().hasResourceProperties("AWS::Glue::Table", Map.of(
                "DatabaseName", "lectern_prod_analytics",
                "TableInput", Match.objectLike(Map.of(
                        "Name", "events",
                        "TableType", "EXTERNAL_TABLE",
                        "PartitionKeys", List.of(Map.of("Name", "date", "Type", "string")),
                        "Parameters", Match.objectLike(Map.of(
                                "projection.enabled", "true",
                                "projection.date.type", "date",
                                "projection.date.format", "yyyy-MM-dd",
                                "storage.location.template", Match.anyValue())),
                        "StorageDescriptor", Match.objectLike(Map.of(
                                "SerdeInfo", Map.of("SerializationLibrary", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
                                "Columns", Match.arrayWith(List.of(
                                        Map.of("Name", "id", "Type", "string"),
                                        Map.of("Name", "occurred_at", "Type", "timestamp"),
                                        Map.of("Name", "amount", "Type", "bigint")))))))));
        // the table has the Parquet file's columns, in its order
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) props(
                resource(prod.data(), "AWS::Glue::Table", "AnalyticsEventsTable").getValue()).get("TableInput")).get("StorageDescriptor")).get("Columns");
        assertThat(columns).extracting(c -> c.get("Name"))
                .containsExactlyElementsOf(EventParquet.COLUMNS.stream().map(c -> (Object) c.name()).toList());
        prod.data().hasResourceProperties("AWS::Athena::WorkGroup", Map.of(
                "Name", "lectern-prod-analytics",
                "WorkGroupConfiguration", Match.objectLike(Map.of(
                        "EnforceWorkGroupConfiguration", true,
                        "PublishCloudWatchMetricsEnabled", true,
                        "ResultConfiguration", Match.objectLike(Map.of(
                                "EncryptionConfiguration", Map.of("EncryptionOption", "SSE_S3")))))));
        assertThat(prod.data().findOutputs("AnalyticsWorkGroup")).hasSize(1);
    }
}
