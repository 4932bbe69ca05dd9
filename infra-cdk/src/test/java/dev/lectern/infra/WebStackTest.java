package dev.lectern.infra;

import static dev.lectern.infra.TestApps.props;
import static dev.lectern.infra.TestApps.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.http.Json;
import dev.lectern.core.http.ViewerAddresses;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The web stack of a production stage: the site's bucket and distribution, the API's behaviours, the site's URL in commerce. */
class WebStackTest {

    /** CloudFront's managed policies, by their documented ids. */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    /** Paths of the web app's pages (as its router names them) and of its build's files: none may reach the API. */
    private static final List<String> SITE_PATHS = List.of("/", "/browse", "/search", "/course/01JDQ5Y0000000000000000X98",
            "/creator/01JDQ5Y0000000000000000X98", "/learn/01JDQ5Y0000000000000000X98/01JDQ5Y0000000000000000X99", "/library",
            "/signin", "/signup", "/account", "/purchases", "/purchases/01JDQ5Y0000000000000000X98", "/checkout/success",
            "/checkout/cancel", "/studio", "/studio/courses/01JDQ5Y0000000000000000X98", "/studio/earnings", "/console",
            "/index.html", "/assets/app-1a2b3c.js", "/favicon.ico");

    private static TestApps.Synthesized prod;
    private static Template web;

    @BeforeAll
    static void synthesize() {
        prod = TestApps.synthesize("prod", LecternCatalog.contexts());
        web = prod.web();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> distributionConfig() {
        return (Map<String, Object>) props(resource(web, "AWS::CloudFront::Distribution", "Distribution").getValue())
                .get("DistributionConfig");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> apiBehaviours() {
        return (List<Map<String, Object>>) distributionConfig().get("CacheBehaviors");
    }

    private static List<String> apiPathPatterns() {
        return apiBehaviours().stream().map(b -> (String) b.get("PathPattern")).toList();
    }

    /** CloudFront's path pattern: {@code *} any run of characters, {@code ?} one, everything else itself. */
    private static boolean cloudFrontMatches(String pattern, String path) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return path.matches(regex.toString());
    }

    /** A route's path as a client sends it: every parameter an id. */
    private static String concrete(Route route) {
        return route.path().replaceAll("\\{[^}]+}", "01JDQ5Y0000000000000000X98");
    }

    private static String logicalId(String type, String constructId) {
        return resource(web, type, constructId).getKey();
    }

    // --- the stacks ----------------------------------------------------------------------------------

    @Test
    void theWebStackDependsOnTheApiAndOnlyContextsThatLinkToTheSiteDependOnIt() {
        // the data stack holds the edge secret the API origin sends
        assertThat(prod.stacks().web().getDependencies()).containsExactlyInAnyOrder(prod.stacks().api(), prod.stacks().data());
        for (ContextFunctions context : LecternCatalog.contexts()) {
            ContextStack stack = prod.stacks().context(context.module());
            if (context.linksToSite()) {
                assertThat(stack.getDependencies()).as(context.module()).contains(prod.stacks().web());
            } else {
                assertThat(stack.getDependencies()).as(context.module()).doesNotContain(prod.stacks().web());
            }
        }
        assertThat(LecternCatalog.contexts()).filteredOn(ContextFunctions::linksToSite).extracting(ContextFunctions::module)
                .containsExactly("commerce");
    }

    @Test
    void theSiteUrlIsAnOutputAndTheCommerceFunctionsSendBuyersBackThere() {
        Map<String, Object> expected = Map.of("Fn::Join", List.of("", List.of("https://",
                Map.of("Fn::GetAtt", List.of(logicalId("AWS::CloudFront::Distribution", "Distribution"), "DomainName")))));
        assertThat(Json.write(web.findOutputs("SiteUrl").get("SiteUrl").get("Value"))).isEqualTo(Json.write(expected));

        String siteUrl = "\"" + FunctionEnvironment.SITE_URL + "\":{\"Fn::Join\":[\"\",[\"https://\",{\"Fn::ImportValue\":"
                + "\"Lectern-prod-web:ExportsOutputFnGetAtt" + logicalId("AWS::CloudFront::Distribution", "Distribution") + "DomainName";
        for (ContextFunctions context : LecternCatalog.contexts()) {
            Map<String, Map<String, Object>> functions = prod.context(context.module()).findResources("AWS::Lambda::Function");
            for (var function : functions.entrySet()) {
                String environment = Json.write(props(function.getValue()).get("Environment"));
                if (context.linksToSite()) {
                    assertThat(environment).as(function.getKey()).contains(siteUrl);
                } else {
                    assertThat(environment).as(function.getKey()).doesNotContain(FunctionEnvironment.SITE_URL);
                }
            }
        }
    }

    @Test
    void theAppRefusesToSynthesizeWithoutTheWebAppsBuild(@TempDir Path empty) throws IOException {
        assertThatThrownBy(() -> LecternApp.webApp(empty))
                .hasMessageContaining("no web app at " + empty.toAbsolutePath().normalize())
                .hasMessageContaining("-pl web -am package");
        Files.writeString(empty.resolve("index.html"), "<!doctype html>");
        assertThat(LecternApp.webApp(empty)).isEqualTo(empty);
    }

    // --- the site --------------------------------------------------------------------------------------

    @Test
    void theSiteBucketIsPrivateEncryptedTlsOnlyLoggedAndReadOnlyByTheDistributionThroughOriginAccessControl() {
        String site = logicalId("AWS::S3::Bucket", "SiteBucket");
        String logs = logicalId("AWS::S3::Bucket", "LogsBucket");
        String distribution = logicalId("AWS::CloudFront::Distribution", "Distribution");
        web.allResourcesProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Match.objectLike(Map.of())));
        web.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "LoggingConfiguration", Map.of("DestinationBucketName", Map.of("Ref", logs), "LogFilePrefix", "site/"),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))));
        web.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", site),
                "PolicyDocument", Map.of("Statement", List.of(
                        Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of("Effect", "Allow", "Action", "s3:GetObject",
                                "Principal", Map.of("Service", "cloudfront.amazonaws.com")))))));
        // the one reader is this distribution, named by its ARN
        assertThat(Json.write(props(resource(web, "AWS::S3::BucketPolicy", "SiteBucketPolicy").getValue())))
                .contains(":distribution/\",{\"Ref\":\"" + distribution + "\"}");
        web.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of("OriginAccessControlConfig", Map.of(
                "OriginAccessControlOriginType", "s3", "SigningBehavior", "always", "SigningProtocol", "sigv4",
                "Name", Match.anyValue())));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> origins = (List<Map<String, Object>>) distributionConfig().get("Origins");
        assertThat(origins).filteredOn(o -> Json.write(o.get("DomainName")).contains(site)).singleElement()
                .satisfies(o -> assertThat(Json.write(o.get("OriginAccessControlId")))
                        .contains(logicalId("AWS::CloudFront::OriginAccessControl", "DistributionOrigin1S3OriginAccessControl")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefaultBehaviourServesTheSiteWithTheRewriteOnViewerRequests() {
        Map<String, Object> site = (Map<String, Object>) distributionConfig().get("DefaultCacheBehavior");
        assertThat(site).containsEntry("CachePolicyId", CACHING_OPTIMIZED).containsEntry("ViewerProtocolPolicy", "redirect-to-https");
        assertThat(site.get("FunctionAssociations")).isEqualTo(List.of(Map.of("EventType", "viewer-request",
                "FunctionARN", Map.of("Fn::GetAtt", List.of(logicalId("AWS::CloudFront::Function", "SpaRewrite"), "FunctionARN")))));
        web.hasResourceProperties("AWS::CloudFront::Function", Map.of(
                "FunctionConfig", Match.objectLike(Map.of("Runtime", "cloudfront-js-2.0")), "AutoPublish", true));
        assertThat(apiBehaviours()).allSatisfy(b -> assertThat(b).doesNotContainKey("FunctionAssociations"));
    }

    @Test
    void theRewriteSendsEveryPageToTheShellAndLeavesFilesAlone() throws Exception {
        String code = (String) props(resource(web, "AWS::CloudFront::Function", "SpaRewrite").getValue()).get("FunctionCode");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/", "/index.html");
        expected.put("/browse", "/index.html");
        expected.put("/course/01JDQ5Y0000000000000000X98", "/index.html");
        expected.put("/checkout/success", "/index.html");
        expected.put("/studio/courses/", "/index.html");
        expected.put("/index.html", "/index.html");
        expected.put("/assets/app-1a2b3c.js", "/assets/app-1a2b3c.js");
        expected.put("/favicon.ico", "/favicon.ico");
        String script = code + "\nfor (const uri of " + Json.write(new ArrayList<>(expected.keySet())) + ") {\n"
                + "  console.log(handler({request: {uri: uri, headers: {}}, viewer: {ip: '203.0.113.7'}}).uri);\n}\n";
        Process node = new ProcessBuilder("node", "-e", script).redirectErrorStream(true).start();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).containsExactlyElementsOf(expected.values());
    }

    @Test
    void theAppsBuildIsDeployedHashedAssetsForAYearTheShellRevalidatedAfterThem() {
        String assets = logicalId("Custom::CDKBucketDeployment", "DeployAssetsCustomResource");
        web.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "Include", List.of(WebStack.HASHED_ASSETS), "Exclude", List.of("*"), "Prune", false,
                "SystemMetadata", Map.of("cache-control", "public, max-age=31536000, immutable")));
        web.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "Exclude", List.of(WebStack.HASHED_ASSETS), "Prune", true,
                "SystemMetadata", Map.of("cache-control", "no-cache")));
        web.hasResource("Custom::CDKBucketDeployment", Map.of("DependsOn", Match.arrayWith(List.of(assets))));
        web.resourceCountIs("Custom::CDKBucketDeployment", 2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDistributionLogsToItsBucketAndKeepsNoError() {
        Map<String, Object> logging = (Map<String, Object>) distributionConfig().get("Logging");
        assertThat(logging).containsEntry("Prefix", "cloudfront/")
                .containsEntry("Bucket", Map.of("Fn::GetAtt", List.of(logicalId("AWS::S3::Bucket", "LogsBucket"), "RegionalDomainName")));
        web.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerPreferred"))),
                "LifecycleConfiguration", Map.of("Rules", List.of(Map.of("ExpirationInDays", 90, "Status", "Enabled")))));
        List<Map<String, Object>> errors = (List<Map<String, Object>>) distributionConfig().get("CustomErrorResponses");
        assertThat(errors).extracting(e -> e.get("ErrorCode"))
                .containsExactlyElementsOf(WebStack.ERROR_CODES.stream().map(c -> (Object) c).toList());
        assertThat(errors).allSatisfy(e -> assertThat(e).containsOnlyKeys("ErrorCode", "ErrorCachingMinTTL")
                .containsEntry("ErrorCachingMinTTL", 0));
    }

    // --- the API's behaviours --------------------------------------------------------------------------

    @Test
    void oneBehaviourPerFirstPathSegmentOfTheCatalogsRoutesExactOrBelow() {
        List<String> expected = new ArrayList<>();
        LecternCatalog.routes().stream().filter(r -> !r.isDefaultRoute()).map(Route::path).forEach(path -> {
            String first = path.split("/")[1];
            String pattern = path.equals("/" + first) ? "/" + first : "/" + first + "/*";
            if (!expected.contains(pattern)) {
                expected.add(pattern);
            }
        });

        assertThat(apiPathPatterns()).containsExactlyInAnyOrderElementsOf(expected)
                .hasSizeLessThanOrEqualTo(WebStack.MAX_API_BEHAVIOURS)
                .contains("/courses", "/courses/*", "/checkout", "/me", "/me/*", "/.well-known/*")
                .doesNotContain("/checkout/*");
    }

    @Test
    void everyRouteOfTheCatalogReachesTheApiAndNoPageOfTheSiteDoes() {
        for (Route route : LecternCatalog.routes()) {
            if (!route.isDefaultRoute()) {
                assertThat(apiPathPatterns()).as(route.routeKey()).anyMatch(p -> cloudFrontMatches(p, concrete(route)));
            }
        }
        for (String path : SITE_PATHS) {
            assertThat(apiPathPatterns()).as(path).noneMatch(p -> cloudFrontMatches(p, path));
        }
    }

    @Test
    void theApiIsASecondOriginOverHttpsAtItsExecuteApiDomain() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> origins = (List<Map<String, Object>>) distributionConfig().get("Origins");
        String api = resource(prod.api(), "AWS::ApiGatewayV2::Api", "Api").getKey();
        Map<String, Object> apiOrigin = origins.stream().filter(o -> o.containsKey("CustomOriginConfig")).findFirst().orElseThrow();
        // https://<id>.execute-api.<region>.amazonaws.com → <id>.execute-api.<region>.amazonaws.com
        assertThat(Json.write(apiOrigin.get("DomainName"))).matches(Pattern.quote("{\"Fn::Select\":[2,{\"Fn::Split\":[\"/\","
                + "{\"Fn::ImportValue\":\"Lectern-prod-api:ExportsOutputFnGetAtt" + api + "ApiEndpoint") + "[0-9A-F]{8}\"}]}]}");
        assertThat(apiOrigin.get("CustomOriginConfig")).isEqualTo(Map.of("OriginProtocolPolicy", "https-only",
                "OriginSSLProtocols", List.of("TLSv1.2")));
        assertThat(apiBehaviours()).allSatisfy(b -> assertThat(b.get("TargetOriginId")).isEqualTo(apiOrigin.get("Id")));
    }

    @Test
    void theApiOriginSendsTheEdgeSecretResolvedAtDeploymentWhichOnlyNetworkThrottlingFunctionsKnow() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> origins = (List<Map<String, Object>>) distributionConfig().get("Origins");
        Map<String, Object> apiOrigin = origins.stream().filter(o -> o.containsKey("CustomOriginConfig")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> headers = (List<Map<String, Object>>) apiOrigin.get("OriginCustomHeaders");
        assertThat(headers).extracting(h -> h.get("HeaderName")).containsExactlyInAnyOrder("X-Lectern-Edge", "X-Lectern-Edge-Generation");
        assertThat(WebStack.EDGE_HEADER_NAME).isEqualToIgnoringCase(ViewerAddresses.EDGE_HEADER);
        assertThat(headers).filteredOn(h -> h.get("HeaderName").equals("X-Lectern-Edge-Generation"))
                .extracting(h -> h.get("HeaderValue")).containsExactly("1");
        String secret = resource(prod.data(), "AWS::SecretsManager::Secret", "EdgeSecret").getKey();
        String value = Json.write(headers.stream().filter(h -> h.get("HeaderName").equals("X-Lectern-Edge")).findFirst()
                .orElseThrow().get("HeaderValue"));
        // a dynamic reference to the generated secret: CloudFormation resolves it, no template holds the value
        assertThat(value).contains("{{resolve:secretsmanager:").contains("Lectern-prod-data:ExportsOutputRef" + secret);
        assertThat(Json.write(props(resource(prod.data(), "AWS::SecretsManager::Secret", "EdgeSecret").getValue())
                .get("GenerateSecretString"))).contains("\"PasswordLength\":48");

        List<String> knowing = new ArrayList<>();
        for (ContextFunctions context : LecternCatalog.contexts()) {
            for (var function : prod.context(context.module()).findResources("AWS::Lambda::Function").entrySet()) {
                String environment = Json.write(props(function.getValue()).get("Environment"));
                if (environment.contains(FunctionEnvironment.EDGE_SECRET)) {
                    assertThat(environment).as(function.getKey()).contains("{{resolve:secretsmanager:")
                            .contains("Lectern-prod-data:ExportsOutputRef" + secret);
                    knowing.add(Json.write(props(function.getValue()).get("Environment")).replaceAll(".*\"LECTERN_FUNCTION_ID\":\"([^\"]+)\".*", "$1"));
                }
            }
        }
        assertThat(knowing).containsExactlyInAnyOrderElementsOf(LecternCatalog.routes().stream()
                .filter(Route::throttlesByNetwork).map(Route::id).toList());
        assertThat(knowing).containsExactlyInAnyOrder("login", "client-events");
    }

    @Test
    void aNewEdgeSecretGenerationChangesTheDistributionAndTheFunctionsThatHoldTheSecret() {
        TestApps.Synthesized rotated = TestApps.synthesize(new StageSettings("prod"), LecternCatalog.contexts(),
                Map.of(DataStack.EDGE_SECRET_GENERATION, "2"));
        assertThat(Json.write(rotated.web().findResources("AWS::CloudFront::Distribution")))
                .contains("{\"HeaderName\":\"X-Lectern-Edge-Generation\",\"HeaderValue\":\"2\"}");
        for (String module : List.of("identity", "learning")) {
            assertThat(Json.write(rotated.context(module).findResources("AWS::Lambda::Function")))
                    .contains("\"" + FunctionEnvironment.EDGE_SECRET_GENERATION + "\":\"2\"");
        }
        assertThatThrownBy(() -> TestApps.synthesize(new StageSettings("prod"), LecternCatalog.contexts(),
                Map.of(DataStack.EDGE_SECRET_GENERATION, "two"))).hasMessageContaining("edgeSecretGeneration");
    }

    @Test
    void apiBehavioursAllowEveryMethodRedirectToHttpsForwardAllButHostAndCacheOnlyWhereThePublicReadsAre() {
        String publicReads = logicalId("AWS::CloudFront::CachePolicy", "ApiPublicReads");
        for (Map<String, Object> behaviour : apiBehaviours()) {
            String pattern = (String) behaviour.get("PathPattern");
            boolean holdsPublicReads = LecternCatalog.routes().stream()
                    .anyMatch(r -> WebStack.EDGE_CACHED_READS.contains(r.routeKey()) && cloudFrontMatches(pattern, concrete(r)));
            assertThat(behaviour).as(pattern)
                    .containsEntry("AllowedMethods", List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"))
                    .containsEntry("ViewerProtocolPolicy", "redirect-to-https")
                    .containsEntry("OriginRequestPolicyId", ALL_VIEWER_EXCEPT_HOST_HEADER)
                    .containsEntry("CachePolicyId", holdsPublicReads ? Map.of("Ref", publicReads) : CACHING_DISABLED);
        }
        assertThat(apiBehaviours()).filteredOn(b -> b.get("CachePolicyId") instanceof Map).extracting(b -> b.get("PathPattern"))
                .containsExactlyInAnyOrder("/courses", "/courses/*", "/creators/*");
    }

    @Test
    void theEdgeCachedReadsAreCatalogRoutesThatAnyoneMayRead() {
        for (String key : WebStack.EDGE_CACHED_READS) {
            Route route = LecternCatalog.routes().stream().filter(r -> r.routeKey().equals(key)).findFirst()
                    .orElseThrow(() -> new AssertionError(key + " is not a route of the catalog"));
            assertThat(route.method()).as(key).isEqualTo("GET");
            assertThat(route.audience()).as(key).isEqualTo(Audience.ANYONE);
        }
    }

    @Test
    void thePublicReadsPolicyLetsTheOriginDecideAndKeysOnTokensDeviceIdsAndQueryStrings() {
        web.resourceCountIs("AWS::CloudFront::CachePolicy", 1);
        web.hasResourceProperties("AWS::CloudFront::CachePolicy", Map.of("CachePolicyConfig", Match.objectLike(Map.of(
                "DefaultTTL", 0,
                "MinTTL", 0,
                "MaxTTL", 300,
                "ParametersInCacheKeyAndForwardedToOrigin", Map.of(
                        "HeadersConfig", Map.of("HeaderBehavior", "whitelist", "Headers", List.of("Authorization", "Lectern-Device-Id")),
                        "QueryStringsConfig", Map.of("QueryStringBehavior", "all"),
                        "CookiesConfig", Map.of("CookieBehavior", "none"),
                        "EnableAcceptEncodingGzip", true,
                        "EnableAcceptEncodingBrotli", true)))));
    }

    @Test
    void aPathThatStartsWithAParameterOrTooManyFirstSegmentsAreRefused() {
        Route catchAll = LecternCatalog.routes().getFirst();
        Route parameterFirst = new Route("x", "GET", "/{courseId}/x", catchAll.module(), catchAll.handlerClass(), catchAll.auth(),
                512, 10, List.of(), "x", null, 200, null, Route.DEFAULT_MAX_BODY_BYTES, false);
        assertThatThrownBy(() -> WebStack.apiPathPatterns(List.of(parameterFirst))).hasMessageContaining("must start with a fixed segment");

        List<Route> many = new ArrayList<>();
        for (int i = 0; i <= WebStack.MAX_API_BEHAVIOURS; i++) {
            many.add(new Route("r" + i, "GET", "/segment" + i, catchAll.module(), catchAll.handlerClass(), catchAll.auth(),
                    512, 10, List.of(), "r", null, 200, null, Route.DEFAULT_MAX_BODY_BYTES, false));
        }
        assertThatThrownBy(() -> WebStack.apiPathPatterns(many))
                .hasMessageContaining((WebStack.MAX_API_BEHAVIOURS + 1) + " path patterns")
                .hasMessageContaining("put new routes under an existing first segment");
    }

    // --- cdk-nag ---------------------------------------------------------------------------------------

    @Test
    void cdkNagFindsNoErrorAndNoWarningInTheWebStack() {
        assertThat(Annotations.fromStack(prod.stacks().web()).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(Annotations.fromStack(prod.stacks().web()).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        // each finding the stack cannot fix is suppressed where it arises, with its reason
        String distribution = Json.write(resource(web, "AWS::CloudFront::Distribution", "Distribution").getValue());
        assertThat(distribution).contains("AwsSolutions-CFR1", "AwsSolutions-CFR2", "AwsSolutions-CFR4")
                .doesNotContain("AwsSolutions-CFR3", "AwsSolutions-CFR7");
    }
}
