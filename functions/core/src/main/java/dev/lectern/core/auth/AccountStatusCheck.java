package dev.lectern.core.auth;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.ProblemException;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Before a protected write: is the caller's token still good for writing? One strongly
 * consistent GetItem of the account's status ({@link AccountStatus}): an erased account, or a
 * token issued before the account's last role change by an administrator, is refused with 401,
 * so the client refreshes (and gets the current roles) or learns the account is gone.
 */
@Singleton
public class AccountStatusCheck {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public AccountStatusCheck(DynamoDbClient dynamoDb, LecternConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.require(ResourceId.TABLE);
    }

    public void requireCurrent(Caller caller) {
        Map<String, AttributeValue> status = dynamoDb.getItem(b -> b.tableName(table).key(AccountStatus.key(caller.userId()))
                .consistentRead(true)).item();
        if (status == null || status.isEmpty()) {
            return;
        }
        if (status.containsKey(AccountStatus.ERASED) && Boolean.TRUE.equals(status.get(AccountStatus.ERASED).bool())) {
            throw new ProblemException(ProblemType.UNAUTHORIZED.problem("This account was erased"), TokenVerifier.CHALLENGE);
        }
        AttributeValue minimum = status.get(AccountStatus.MIN_TOKEN_VERSION);
        if (minimum != null && caller.accountVersion() < Long.parseLong(minimum.n())) {
            throw new ProblemException(ProblemType.UNAUTHORIZED.problem(
                    "The account changed after this token was issued; refresh it"), TokenVerifier.CHALLENGE);
        }
    }
}
