package dev.lectern.core.priming;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import io.micronaut.context.BeanContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One real GetItem of a key that is never written, inside the function's own key prefixes (its
 * role may read nothing else): signs, sends, opens the connection and parses a response, and
 * finds nothing.
 */
public final class TablePriming {

    /** No id is all zeros (ULIDs carry their creation time), so no item has this key. */
    public static final String NEVER_WRITTEN = "00000000000000000000000000";

    private TablePriming() {
    }

    /**
     * The primer of a consumer or a schedule: its table client warmed, then {@code then} (a
     * consumer's empty batch; nothing for a schedule, whose job never runs at a checkpoint).
     * Empty for a handler class that is no catalog entry.
     */
    public static Optional<Resource> registerFor(Class<?> handlerClass, Supplier<BeanContext> context, Runnable then) {
        return LecternCatalog.functionForHandler(handlerClass).map(function -> Priming.register(function.id(), () -> {
            getNothing(() -> context.get().getBean(DynamoDbClient.class), () -> context.get().getBean(LecternConfig.class), function);
            then.run();
        }));
    }

    /** Builds the client only for a function that may read the table. */
    public static void getNothing(Supplier<DynamoDbClient> dynamoDb, Supplier<LecternConfig> config, FunctionSpec function) {
        function.effectiveAccess().stream()
                .filter(a -> a.resource() == ResourceId.TABLE && a.mode().reads() && !a.keyPrefixes().isEmpty())
                .map(Access::keyPrefixes).findFirst()
                .ifPresent(prefixes -> dynamoDb.get().getItem(b -> b.tableName(config.get().tableName()).key(Map.of(
                        LecternResources.TABLE.partitionKey(), AttributeValue.fromS(prefixes.get(0) + NEVER_WRITTEN),
                        LecternResources.TABLE.sortKey(), AttributeValue.fromS(NEVER_WRITTEN)))));
    }
}
