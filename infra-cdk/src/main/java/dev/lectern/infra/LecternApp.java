package dev.lectern.infra;

import dev.lectern.core.routes.LecternCatalog;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.services.lambda.Code;

/**
 * {@code npx cdk synth|deploy} in infra-cdk/ runs this (through cdk-app.sh): the stacks of
 * {@link LecternStacks} for one stage, from the contexts on the classpath. Context:
 * {@code -c stage=<name>} (default {@code dev}) and {@code -c recommendEngine=function|emr}
 * (default {@code function}, {@link StageSettings.RecommendEngine}); the account and region come from
 * the CLI's profile, as CDK_DEFAULT_ACCOUNT/REGION.
 */
public final class LecternApp {

    private LecternApp() {
    }

    public static void main(String[] args) {
        App app = newApp();
        StageSettings settings = new StageSettings(contextOr(app, StageSettings.STAGE, "dev"),
                StageSettings.RecommendEngine.of(app.getNode().tryGetContext(StageSettings.RECOMMEND_ENGINE)));
        Environment env = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        LecternStacks.create(app, settings, env, LecternCatalog.contexts(), LecternApp::lambdaJar, LecternApp::sparkJar, webApp());
        // on the app, so every stack is checked; the report lands in cdk.out as AwsSolutions-<stack>-NagReport.csv
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
    }

    /**
     * An app with the feature flags the stacks rely on (also in cdk.json): server access logs
     * are delivered through a bucket policy, not ACLs, so every bucket can enforce its owner; and
     * cross-stack references are CloudFormation exports and imports ("strong"), so the data and API
     * stacks cannot lose a resource that a context stack still uses.
     */
    public static App newApp() {
        return App.Builder.create()
                .context(Map.of("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true,
                        "@aws-cdk/core:defaultCrossStackReferences", "strong"))
                .build();
    }

    /** The jar each context module packages ({@code lectern-<module>-<version>-lambda.jar}); cdk-app.sh builds them first. */
    static Code lambdaJar(String module) {
        Path target = Path.of("..", "functions", module, "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            Path jar = files.filter(f -> f.getFileName().toString().startsWith("lectern-" + module + "-")
                            && f.getFileName().toString().endsWith("-lambda.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Lambda jar in " + target.toAbsolutePath()
                            + ": build it with ./mvnw package (cdk-app.sh does)"));
            return Code.fromAsset(jar.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A context's Spark job jar ({@code functions/<module>-spark/target/lectern-<module>-spark.jar}), asked for only
     * by a stage that runs the job on Spark.
     */
    static String sparkJar(String module) {
        Path jar = Path.of("..", "functions", module + "-spark", "target", "lectern-" + module + "-spark.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no Spark job jar at " + jar.toAbsolutePath().normalize() + ", which " + StageSettings.RECOMMEND_ENGINE
                    + "=emr deploys: build it with ../mvnw -f ../pom.xml -pl functions/" + module + "-spark -am package");
        }
        return jar.toString();
    }

    /** The web module's build, {@code web/target/classes/web}: what the web stack deploys. */
    static Path webApp() {
        return webApp(Path.of("..", "web", "target", "classes", "web"));
    }

    /** {@code web}, if it holds a web app's build (its index.html); else a message saying how to build one. */
    static Path webApp(Path web) {
        if (!Files.isRegularFile(web.resolve("index.html"))) {
            throw new IllegalStateException("no web app at " + web.toAbsolutePath().normalize() + " (its index.html is missing), "
                    + "which the web stack deploys: build it with ../mvnw -f ../pom.xml -pl web -am package");
        }
        return web;
    }

    private static String contextOr(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }
}
