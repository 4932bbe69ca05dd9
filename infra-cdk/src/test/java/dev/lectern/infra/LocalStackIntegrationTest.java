package dev.lectern.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.lectern.core.aws.LocalClients;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.events.SampleEvents;
import dev.lectern.local.emulators.LocalResources;
import dev.lectern.local.emulators.ResourceProvisioner;
import dev.lectern.platform.HealthHandler;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Lectern's resources and a real handler against LocalStack instead of the embedded emulators.
 * Runs only with {@code ./mvnw verify -Plocalstack}; where Docker is missing it is skipped with
 * a message saying so. The default build uses the embedded emulators.
 */
@EnabledIfSystemProperty(named = "lectern.localstack", matches = "true", disabledReason = "run with -Plocalstack")
@ExtendWith(LocalStackIntegrationTest.RequiresDocker.class)
class LocalStackIntegrationTest {

    static final class RequiresDocker implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean docker;
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                docker = false;
            }
            if (!docker) {
                System.err.println("[lectern] -Plocalstack: no Docker engine on this machine, LocalStack tests are SKIPPED");
                return ConditionEvaluationResult.disabled("no Docker engine: LocalStack tests skipped");
            }
            return ConditionEvaluationResult.enabled("Docker is available");
        }
    }

    @Test
    void healthAnswers200AgainstTheTableProvisionedInLocalStack() throws Exception {
        try (LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS, LocalStackContainer.Service.S3)) {
            localstack.start();
            URI endpoint = localstack.getEndpoint();
            LocalResources resources = new ResourceProvisioner(LocalClients.dynamoDb(endpoint), LocalClients.sqs(endpoint),
                    LocalClients.s3(endpoint), "lectern-ls-", 0).provision(endpoint, endpoint, endpoint);
            resources.sharedEnvironment("localstack").forEach(System::setProperty);
            var sample = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                    .fromJson(SampleEvents.text("health-get.apigw-v2.json"));

            try (HealthHandler handler = new HealthHandler()) {
                APIGatewayV2HTTPResponse response = handler.handleRequest(sample, SimpleLambdaContext.of("ls-1", "health", 512, 10));
                assertThat(response.getStatusCode()).isEqualTo(200);
            }
        }
    }
}
