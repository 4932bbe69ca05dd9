package dev.lectern.infra;

import dev.lectern.core.http.ViewerAddresses;
import dev.lectern.core.routes.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.IHttpApi;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.ICachePolicy;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * {@code Lectern-<stage>-web}: the web app and the API on one origin. A CloudFront distribution whose default
 * behaviour serves the app's build from a private bucket (origin access control), deep links rewritten to the app's
 * shell by a CloudFront Function, and one behaviour per first path segment of the API's routes sending those to the
 * stage's HTTP API. The API's answers are never kept at the edge except the catalog's public reads, for as long as
 * their {@code Cache-Control} says (docs/architecture.md, "The web distribution").
 *
 * <p>It depends on the API stack (the API's endpoint); the context stacks whose functions link to the site
 * ({@link dev.lectern.core.routes.ContextFunctions#linksToSite}) depend on it for {@link #siteUrl}.
 */
public final class WebStack extends Stack {

    /**
     * The catalog's public reads, by route key: their handlers answer {@code public, max-age} to a caller who names no
     * one, and the behaviour that holds them lets the edge keep such answers.
     */
    static final Set<String> EDGE_CACHED_READS = Set.of("GET /courses", "GET /courses/trending", "GET /courses/search",
            "GET /courses/{courseId}", "GET /courses/{courseId}/reviews", "GET /courses/{courseId}/similar",
            "GET /creators/{creatorId}");

    /**
     * The longest an API answer stays at the edge, whatever its {@code max-age}: the longest any handler asks for
     * (similar courses).
     */
    static final Duration API_MAX_TTL = Duration.minutes(5);

    /**
     * Behaviours for the API at most: CloudFront's quota is 75 cache behaviours a distribution (adjustable); Lectern
     * keeps to 25 so that a new top-level path is a decision, and the site keeps room for behaviours of its own.
     */
    static final int MAX_API_BEHAVIOURS = 25;

    /** The headers that make an API answer someone's: requests carrying either never share an edge cache entry. */
    static final List<String> PERSONAL_HEADERS = List.of("Authorization", "Lectern-Device-Id");

    /** The build's content-hashed files: a name is never reused for other bytes. */
    static final String HASHED_ASSETS = "assets/*";

    /** The statuses CloudFront keeps 10 s unless told otherwise, most of them even when the origin says no-store. */
    static final List<Integer> ERROR_CODES = List.of(400, 403, 404, 405, 414, 500, 501, 502, 503, 504);

    /** {@link ViewerAddresses#EDGE_HEADER} as CloudFront names it. */
    static final String EDGE_HEADER_NAME = "X-Lectern-Edge";
    /** The edge secret's generation, which no function reads ({@link DataStack#EDGE_SECRET_GENERATION}). */
    static final String EDGE_GENERATION_HEADER_NAME = "X-Lectern-Edge-Generation";

    private final Distribution distribution;

    /**
     * @param routes        every API route (not {@code $default}): the behaviours are derived from their paths
     * @param webDirectory  the web app's build, with its {@code index.html} (tests pass a directory holding one)
     * @param edgeSecret    what every request to the API carries as {@value ViewerAddresses#EDGE_HEADER} (a dynamic
     *                      reference: {@link DataStack#edgeSecretValue})
     * @param edgeSecretGeneration the secret's generation ({@link DataStack#edgeSecretGeneration}), sent beside it
     */
    public WebStack(Construct scope, String id, StackProps props, StageSettings settings, IHttpApi api, List<Route> routes,
                    Path webDirectory, String edgeSecret, String edgeSecretGeneration) {
        super(scope, id, props);
        RemovalPolicy removal = settings.disposable() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
        Bucket logs = logBucket(removal);
        Bucket site = Bucket.Builder.create(this, "SiteBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(logs)
                .serverAccessLogsPrefix("site/")
                .removalPolicy(removal)
                .build();
        Function rewrite = Function.Builder.create(this, "SpaRewrite")
                .comment("Lectern " + settings.stage() + ": a path without a file extension is a page of the app: its shell")
                .runtime(FunctionRuntime.JS_2_0)
                .code(FunctionCode.fromInline(rewriteCode()))
                .build();
        Map<String, BehaviorOptions> apiBehaviours = new LinkedHashMap<>();
        // CloudFront sets this header on every request to the API, replacing one a viewer sent: with it the functions
        // that count client networks trust CloudFront-Viewer-Address, which AllViewerExceptHostHeader forwards (below)
        IOrigin apiOrigin = HttpOrigin.Builder.create(Fn.select(2, Fn.split("/", api.getApiEndpoint())))
                // a new generation changes the distribution, so that CloudFormation resolves the secret anew for it
                .customHeaders(Map.of(EDGE_HEADER_NAME, edgeSecret, EDGE_GENERATION_HEADER_NAME, edgeSecretGeneration))
                .build();
        ICachePolicy publicReads = publicReadsPolicy(settings);
        for (String pattern : apiPathPatterns(routes)) {
            boolean holdsPublicReads = routes.stream()
                    .anyMatch(r -> matches(pattern, r.path()) && EDGE_CACHED_READS.contains(r.routeKey()));
            apiBehaviours.put(pattern, BehaviorOptions.builder()
                    .origin(apiOrigin)
                    .allowedMethods(AllowedMethods.ALLOW_ALL)
                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                    .cachePolicy(holdsPublicReads ? publicReads : CachePolicy.CACHING_DISABLED)
                    // How the viewer's Authorization header reaches the API (CloudFront Developer Guide, "Add custom
                    // headers to origin requests"; AWS knowledge center, "forward the Authorization header"): CloudFront
                    // removes it from origin requests unless (a) the behaviour's cache policy puts it in the cache key,
                    // or (b) caching is disabled and the origin request policy forwards all viewer headers (AllViewer,
                    // AllViewerExceptHostHeader); an origin request policy may not name it alone (400). Behaviours
                    // without public reads take (b), CachingDisabled with AllViewerExceptHostHeader as AWS advises for
                    // API Gateway; those with public reads take (a), publicReadsPolicy. AllViewer would forward Host
                    // too, and API Gateway answers 403 to a host name that is not its own.
                    .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                    .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                    .build());
        }
        this.distribution = Distribution.Builder.create(this, "Distribution")
                .comment("Lectern " + settings.stage() + ": the web app, and its API on the same origin")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(site))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                        .functionAssociations(List.of(FunctionAssociation.builder()
                                .function(rewrite).eventType(FunctionEventType.VIEWER_REQUEST).build()))
                        .build())
                .additionalBehaviors(apiBehaviours)
                // an error is the origin's answer of the moment: a 503 kept 10 s would outlast the Retry-After of 1 s
                .errorResponses(ERROR_CODES.stream().map(code -> ErrorResponse.builder()
                        .httpStatus(code).ttl(Duration.seconds(0)).build()).toList())
                .enableLogging(true)
                .logBucket(logs)
                .logFilePrefix("cloudfront/")
                .build();
        deploy(site, webDirectory);
        // stable whatever the context stacks reference today (see DataStack)
        exportValue(distribution.getDistributionDomainName());
        CfnOutput.Builder.create(this, "SiteUrl").value(siteUrl()).build();
        suppressNagFindings();
        ResourceBudget.enforce(this);
    }

    /** The site's https URL, where the web app and the API answer: the commerce functions send Stripe's buyers back here. */
    public String siteUrl() {
        return "https://" + distribution.getDistributionDomainName();
    }

    Distribution distribution() {
        return distribution;
    }

    /**
     * The API's behaviours: for each first segment of a route's path, {@code /seg} when a route's path is exactly that
     * and {@code /seg/*} when one is longer, so that a page of the app may use a path under an exact API path
     * ({@code /checkout/success} beside {@code POST /checkout}). Refused: a path that starts with a parameter, which
     * would take every path, and more than {@value #MAX_API_BEHAVIOURS} patterns.
     */
    static List<String> apiPathPatterns(List<Route> routes) {
        Set<String> patterns = new TreeSet<>();
        for (Route route : routes) {
            String path = route.path();
            int slash = path.indexOf('/', 1);
            String first = slash < 0 ? path : path.substring(0, slash);
            if (first.contains("{")) {
                throw new IllegalArgumentException(route.routeKey() + ": an API path must start with a fixed segment, "
                        + "or the web distribution would send every page of the app to the API");
            }
            patterns.add(slash < 0 ? first : first + "/*");
        }
        if (patterns.size() > MAX_API_BEHAVIOURS) {
            throw new IllegalArgumentException("the API's routes start with " + patterns.size() + " path patterns " + patterns
                    + ", over the web distribution's " + MAX_API_BEHAVIOURS + " API behaviours: put new routes under an "
                    + "existing first segment");
        }
        return List.copyOf(patterns);
    }

    /** CloudFront's path pattern match, for the patterns {@link #apiPathPatterns} makes: exact, or a prefix before {@code *}. */
    static boolean matches(String pattern, String path) {
        return pattern.endsWith("*") ? path.startsWith(pattern.substring(0, pattern.length() - 1)) : path.equals(pattern);
    }

    /**
     * The cache policy of the behaviours that hold public reads, which also hold writes and private reads under the same
     * prefix: the origin's {@code Cache-Control} decides (no TTL of its own, and with a minimum of 0 CloudFront keeps
     * nothing said {@code no-store} or {@code private}), and a request carrying a token or a device id has a key of its
     * own, so it never gets an answer made for someone else.
     */
    private ICachePolicy publicReadsPolicy(StageSettings settings) {
        return CachePolicy.Builder.create(this, "ApiPublicReads")
                .comment("Lectern " + settings.stage() + " API: Cache-Control decides; a token or device id is a key of its own")
                .defaultTtl(Duration.seconds(0))
                .minTtl(Duration.seconds(0))
                .maxTtl(API_MAX_TTL)
                .headerBehavior(CacheHeaderBehavior.allowList(PERSONAL_HEADERS.toArray(String[]::new)))
                .queryStringBehavior(CacheQueryStringBehavior.all())
                .cookieBehavior(CacheCookieBehavior.none())
                .enableAcceptEncodingGzip(true)
                .enableAcceptEncodingBrotli(true)
                .build();
    }

    /**
     * The app's build into the bucket, in two parts: the content-hashed assets, kept a year by browsers and the edge
     * and never pruned (a page loaded before a deploy still finds its chunks), then everything else (index.html),
     * which browsers revalidate on every load and the edge within a second (the managed policy's minimum TTL), so
     * a deploy needs no invalidation.
     */
    private void deploy(Bucket site, Path webDirectory) {
        BucketDeployment assets = BucketDeployment.Builder.create(this, "DeployAssets")
                .sources(List.of(Source.asset(webDirectory.toString())))
                .destinationBucket(site)
                .exclude(List.of("*"))
                .include(List.of(HASHED_ASSETS))
                .prune(false)
                .cacheControl(List.of(CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()))
                .build();
        BucketDeployment shell = BucketDeployment.Builder.create(this, "DeployShell")
                .sources(List.of(Source.asset(webDirectory.toString())))
                .destinationBucket(site)
                .exclude(List.of(HASHED_ASSETS))
                .cacheControl(List.of(CacheControl.noCache()))
                .build();
        shell.getNode().addDependency(assets);
    }

    /**
     * Where CloudFront's standard logs and the site bucket's server access logs go: CloudFront delivers through the
     * bucket's ACL, so ACLs stay enabled (the bucket owner still owns every object).
     */
    private Bucket logBucket(RemovalPolicy removal) {
        Bucket logs = Bucket.Builder.create(this, "LogsBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .removalPolicy(removal)
                .build();
        Nag.suppress(logs, "AwsSolutions-S1",
                "This bucket receives the distribution's and the site bucket's logs; logging it into itself would loop");
        return logs;
    }

    private void suppressNagFindings() {
        Nag.suppress(distribution, "AwsSolutions-CFR1",
                "Lectern sells to learners in every country; no country is to be refused, and a list would be the business's to keep");
        Nag.suppress(distribution, "AwsSolutions-CFR2",
                "No WAF yet: a web ACL for CloudFront lives in us-east-1 and costs $5 a month plus $0.60 a million requests; the "
                        + "API's stage throttles every route and /auth/* harder, and login throttles per account (docs/security.md)");
        Nag.suppress(distribution, "AwsSolutions-CFR4",
                "The stage has no domain of its own yet: with CloudFront's default *.cloudfront.net certificate the minimum "
                        + "protocol cannot be set (CloudFront fixes it at TLSv1); a custom domain with an ACM certificate gets TLSv1.2_2021");
        for (IConstruct child : getNode().getChildren()) {
            // BucketDeployment's copying function, one per stack (a singleton named after its fixed id)
            if (child.getNode().getId().startsWith("Custom::CDKBucketDeployment")) {
                Nag.suppress(child, "AwsSolutions-IAM4",
                        "CDK's BucketDeployment function runs with AWSLambdaBasicExecutionRole to write its log; it only runs on deploy");
                Nag.suppress(child, "AwsSolutions-IAM5",
                        "CDK's BucketDeployment grants: read of the deployment's own assets and read-write of this stack's site bucket objects");
                Nag.suppress(child, "AwsSolutions-L1",
                        "CDK's BucketDeployment function: CDK chooses its runtime, matched to its AWS CLI layer; it runs only on deploy");
            }
        }
    }

    private static String rewriteCode() {
        try (InputStream in = WebStack.class.getResourceAsStream("spa-rewrite.js")) {
            if (in == null) {
                throw new IllegalStateException("spa-rewrite.js is missing beside WebStack");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
