package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.priming.Priming;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.local.emulators.LocalResources;
import dev.lectern.local.emulators.SharedEmulators;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What each function runs before its SnapStart snapshot: it completes inside the function's own
 * grants (the local IAM stand-in refuses anything else, which would count as a failure here),
 * warms the table client with a real request when the function may read the table, and only
 * ever reads — a snapshot is taken at every deployment, and must not change any data.
 */
class PrimingIntegrationTest {

    private static final Set<String> READS = Set.of("GetItem", "Query", "BatchGetItem", "TransactGetItems");

    @TestFactory
    Stream<DynamicTest> everyFunctionPrimesWithinItsGrantsAndOnlyReads() {
        return LecternCatalog.functions().stream().filter(LocalResources::runsLocally).map(function -> DynamicTest.dynamicTest(function.id(), () -> {
            Map<String, String> env = SharedEmulators.environmentFor(function);
            try (AutoCloseable handler = FunctionEnvironment.callWith(env, () -> build(function))) {
                DynamoDbRequestCounter.reset();

                Priming.Result result = FunctionEnvironment.callWith(env, () -> Priming.prime(function.id()));

                assertThat(result.ran()).as("primers of " + function.id()).isGreaterThanOrEqualTo(1);
                assertThat(result.failed()).as("failed primers of " + function.id() + " (see the log)").isZero();
                List<String> operations = DynamoDbRequestCounter.requests().stream().map(DynamoDbRequestCounter.Request::operation).toList();
                assertThat(operations).as("DynamoDB requests while priming " + function.id()).allMatch(READS::contains);
                if (readsTable(function)) {
                    assertThat(operations).as("a function that reads the table primes its client").isNotEmpty();
                }
            }
        }));
    }

    private static boolean readsTable(FunctionSpec function) {
        return function.effectiveAccess().stream().anyMatch(a -> a.resource() == ResourceId.TABLE && a.mode().reads()
                && !a.keyPrefixes().isEmpty());
    }

    private static AutoCloseable build(FunctionSpec function) {
        try {
            return (AutoCloseable) function.handlerClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(function.id() + " does not start", e);
        }
    }
}
