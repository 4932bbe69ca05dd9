package dev.lectern.infra;

import dev.lectern.core.routes.ContextFunctions;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.lambda.Code;

/** Synthesizes Lectern's stacks the way LecternApp does, with an empty zip for every context's code and a one-page web app. */
final class TestApps {

    private static Path emptyZip;

    private TestApps() {
    }

    /** The stacks of one stage, with cdk-nag on the app as LecternApp puts it. */
    static Synthesized synthesize(String stage, List<ContextFunctions> contexts) {
        return synthesize(new StageSettings(stage), contexts);
    }

    /** The same with the stage's settings, and a placeholder file for every Spark job's jar. */
    static Synthesized synthesize(StageSettings settings, List<ContextFunctions> contexts) {
        return synthesize(settings, contexts, Map.of());
    }

    /** The same with CDK context values, as {@code -c key=value} sets them. */
    static Synthesized synthesize(StageSettings settings, List<ContextFunctions> contexts, Map<String, String> context) {
        String zip = emptyZip().toString();
        App app = LecternApp.newApp();
        context.forEach(app.getNode()::setContext);
        LecternStacks stacks = LecternStacks.create(app, settings, null, contexts, module -> Code.fromAsset(zip),
                module -> sparkJar().toString(), webApp());
        Aspects.of(app).add(new AwsSolutionsChecks());
        Map<String, Template> templates = new LinkedHashMap<>();
        stacks.all().forEach(s -> templates.put(s.getStackName(), Template.fromStack(s)));
        return new Synthesized(stacks, templates);
    }

    record Synthesized(LecternStacks stacks, Map<String, Template> templates) {

        Template of(Stack stack) {
            return templates.get(stack.getStackName());
        }

        Template data() {
            return of(stacks.data());
        }

        Template api() {
            return of(stacks.api());
        }

        Template web() {
            return of(stacks.web());
        }

        Template stage() {
            return of(stacks.stage());
        }

        Template context(String module) {
            return of(stacks.context(module));
        }

        /** AwsSolutions errors cdk-nag left unsuppressed, in every stack. */
        List<SynthesisMessage> nagErrors() {
            return stacks.all().stream()
                    .flatMap(s -> Annotations.fromStack(s).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                    .toList();
        }
    }

    private static Path sparkJar;

    /** Stands in for a Spark job's jar: the stacks only hash and upload it. */
    static synchronized Path sparkJar() {
        if (sparkJar == null) {
            try {
                sparkJar = Files.createTempFile("lectern-spark", ".jar");
                Files.writeString(sparkJar, "stands in for a Spark job's jar");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sparkJar;
    }

    private static Path webApp;

    /** Stands in for the web module's build: its shell and one hashed asset. */
    static synchronized Path webApp() {
        if (webApp == null) {
            try {
                webApp = Files.createTempDirectory("lectern-web");
                Files.writeString(webApp.resolve("index.html"), "<!doctype html><title>Lectern</title><script src=\"/assets/app-1a2b3c.js\"></script>");
                Files.createDirectories(webApp.resolve("assets"));
                Files.writeString(webApp.resolve("assets/app-1a2b3c.js"), "document.title = 'Lectern';");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return webApp;
    }

    /** The modules under functions/ that package a Lambda jar: the bounded contexts (not core, not recommend-model or -spark). */
    static List<String> contextModules() {
        try (var dirs = java.nio.file.Files.list(Path.of("..", "functions"))) {
            return dirs.filter(d -> java.nio.file.Files.isRegularFile(d.resolve("pom.xml")))
                    .filter(d -> {
                        try {
                            return java.nio.file.Files.readString(d.resolve("pom.xml"))
                                    .contains("<lectern.lambda.skipPackage>false</lectern.lambda.skipPackage>");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(d -> d.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static synchronized Path emptyZip() {
        if (emptyZip == null) {
            try {
                emptyZip = Files.createTempFile("lambda", ".zip");
                try (OutputStream out = Files.newOutputStream(emptyZip); ZipOutputStream z = new ZipOutputStream(out)) {
                    z.putNextEntry(new ZipEntry("empty.txt"));
                    z.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return emptyZip;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** The resource whose logical id is {@code <constructId><8 hex digits>}, of that type. */
    static Map.Entry<String, Map<String, Object>> resource(Template template, String type, String constructId) {
        Pattern id = Pattern.compile(Pattern.quote(constructId) + "[0-9A-F]{8}");
        var found = template.findResources(type).entrySet().stream().filter(e -> id.matcher(e.getKey()).matches()).toList();
        if (found.size() != 1) {
            throw new AssertionError(type + " " + constructId + ": found " + found.size());
        }
        return found.getFirst();
    }

    /** The default policy of a function's role, as a string; empty when the function has no grant at all. */
    static String policyText(Template template, String functionConstruct) {
        var policy = policy(template, functionConstruct);
        return policy == null ? "" : policy.toString();
    }

    static Map<String, Object> policy(Template template, String functionConstruct) {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy", Map.of("Properties",
                Map.of("Roles", List.of(Map.of("Ref", Match.stringLikeRegexp(functionConstruct + "FunctionServiceRole[0-9A-F]{8}"))))));
        if (policies.size() > 1) {
            throw new AssertionError(functionConstruct + " has " + policies.size() + " policies");
        }
        return policies.isEmpty() ? null : policies.values().iterator().next();
    }
}
