package dev.lectern.core.aws;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.resources.TableDefinition;
import dev.lectern.core.routes.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Request;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsRequest;

/**
 * What IAM does in AWS, done locally: a function's SDK clients refuse every call its catalog
 * entry does not grant — a resource it was not given, a write from a read-only grant, a table
 * key outside its context's prefixes, any Scan — so that a missing grant fails a local test
 * instead of a deployment. Installed only on clients that talk to the emulators, and only when
 * the function's environment names its catalog entry; in AWS the function's role does this.
 */
public final class LocalGrantGuard implements ExecutionInterceptor {

    /** A call the function's grants do not allow; what AWS would answer with AccessDenied. */
    public static final class NotGranted extends RuntimeException {
        NotGranted(String message) {
            super(message);
        }
    }

    /** {@code #pk = :pk} or {@code PK = :pk} in a key condition. */
    private static final Pattern EQUALITY = Pattern.compile("([#A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(:[A-Za-z0-9_]+)");

    private final String functionId;
    private final List<Access> grants;
    private final LecternConfig config;

    public LocalGrantGuard(String functionId, List<Access> grants, LecternConfig config) {
        this.functionId = functionId;
        this.grants = List.copyOf(grants);
        this.config = config;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        SdkRequest request = context.request();
        // by service name, not by request type: a context's jar lacks the SDK modules it does not use,
        // and naming their request classes here would fail to load them
        String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        switch (service == null ? "" : service) {
            case "DynamoDb" -> checkDynamo((DynamoDbRequest) request);
            case "S3" -> ServiceChecks.s3(this, request);
            case "Sqs" -> ServiceChecks.sqs(this, request);
            case "SecretsManager" -> ServiceChecks.secrets(this, request);
            case "EmrServerless" -> ServiceChecks.emrServerless(this, request);
            default -> throw deny(request.getClass().getSimpleName() + " is not a call any Lectern function is granted");
        }
    }

    // --- DynamoDB ----------------------------------------------------------------------------------

    private void checkDynamo(DynamoDbRequest request) {
        switch (request) {
            case GetItemRequest r -> table(r.tableName(), Access.Mode.READ, pk(r.key()), "GetItem");
            case QueryRequest r -> table(r.tableName(), Access.Mode.READ, queryPartition(r), "Query");
            case BatchGetItemRequest r -> r.requestItems().forEach((t, keys) ->
                    keys.keys().forEach(k -> table(t, Access.Mode.READ, pk(k), "BatchGetItem")));
            case TransactGetItemsRequest r -> r.transactItems().forEach(i ->
                    table(i.get().tableName(), Access.Mode.READ, pk(i.get().key()), "TransactGetItems"));
            case PutItemRequest r -> table(r.tableName(), Access.Mode.WRITE, pk(r.item()), "PutItem");
            case UpdateItemRequest r -> table(r.tableName(), Access.Mode.WRITE, pk(r.key()), "UpdateItem");
            case DeleteItemRequest r -> table(r.tableName(), Access.Mode.WRITE, pk(r.key()), "DeleteItem");
            case BatchWriteItemRequest r -> r.requestItems().forEach((t, writes) -> writes.forEach(w ->
                    table(t, Access.Mode.WRITE, pk(w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key()),
                            "BatchWriteItem")));
            case TransactWriteItemsRequest r -> r.transactItems().forEach(i -> {
                if (i.put() != null) {
                    table(i.put().tableName(), Access.Mode.WRITE, pk(i.put().item()), "TransactWriteItems Put");
                } else if (i.update() != null) {
                    table(i.update().tableName(), Access.Mode.WRITE, pk(i.update().key()), "TransactWriteItems Update");
                } else if (i.delete() != null) {
                    table(i.delete().tableName(), Access.Mode.WRITE, pk(i.delete().key()), "TransactWriteItems Delete");
                } else if (i.conditionCheck() != null) {
                    table(i.conditionCheck().tableName(), Access.Mode.READ, pk(i.conditionCheck().key()),
                            "TransactWriteItems ConditionCheck");
                }
            });
            default -> throw deny(request.getClass().getSimpleName().replace("Request", "")
                    + " is not granted to any Lectern function (request paths never Scan)");
        }
    }

    private void table(String tableName, Access.Mode mode, String partitionKey, String operation) {
        if (config.tableName() == null || !config.tableName().equals(tableName)) {
            throw deny(operation + " on table " + tableName + ": the function is not granted this table");
        }
        List<Access> tableGrants = grants.stream().filter(a -> a.resource() == ResourceId.TABLE && covers(a.mode(), mode)).toList();
        if (tableGrants.isEmpty()) {
            throw deny(operation + ": the function may not " + mode.name().toLowerCase() + " the table");
        }
        if (partitionKey != null && tableGrants.stream().noneMatch(a -> a.reachesKey(partitionKey))) {
            throw deny(operation + " on partition " + partitionKey + ": outside the key prefixes granted, "
                    + tableGrants.stream().flatMap(a -> a.keyPrefixes().stream()).distinct().toList());
        }
    }

    private static String pk(Map<String, AttributeValue> key) {
        AttributeValue value = key == null ? null : key.get(LecternResources.TABLE.partitionKey());
        return value == null ? "" : Objects.requireNonNullElse(value.s(), "");
    }

    /** The partition key value a Query names: the equality on the table's or the index's partition key. */
    private String queryPartition(QueryRequest r) {
        TableDefinition table = LecternResources.TABLE;
        String attribute = r.indexName() == null ? table.partitionKey() : table.indexes().stream()
                .filter(i -> i.name().equals(r.indexName())).map(TableDefinition.Index::partitionKey).findFirst()
                .orElseThrow(() -> deny("Query on unknown index " + r.indexName()));
        Matcher m = EQUALITY.matcher(Objects.requireNonNullElse(r.keyConditionExpression(), ""));
        while (m.find()) {
            String name = m.group(1).startsWith("#") ? r.expressionAttributeNames().get(m.group(1)) : m.group(1);
            AttributeValue value = r.expressionAttributeValues().get(m.group(2));
            if (attribute.equals(name) && value != null && value.s() != null) {
                return value.s();
            }
        }
        throw deny("Query with key condition '" + r.keyConditionExpression() + "' names no partition key value");
    }

    // --- S3, SQS, Secrets Manager, EMR Serverless -----------------------------------------------------

    /** Loaded only when a client of one of these services makes a call, so only where its module is present. */
    private static final class ServiceChecks {

        private ServiceChecks() {
        }

        static void s3(LocalGrantGuard guard, SdkRequest request) {
            S3Request s3 = (S3Request) request;
            Access.Mode mode = switch (s3) {
                case GetObjectRequest r -> Access.Mode.READ;
                case HeadObjectRequest r -> Access.Mode.READ;
                case ListObjectsV2Request r -> Access.Mode.READ;
                case PutObjectRequest r -> Access.Mode.WRITE;
                case DeleteObjectRequest r -> Access.Mode.WRITE;
                case DeleteObjectsRequest r -> Access.Mode.WRITE;
                default -> throw guard.deny(request.getClass().getSimpleName() + " is not granted to any Lectern function");
            };
            List<String> keys = switch (s3) {
                case ListObjectsV2Request r -> List.of(r.prefix() == null ? "" : r.prefix());
                case DeleteObjectsRequest r -> r.delete().objects().stream().map(ObjectIdentifier::key).toList();
                default -> List.of(s3.getValueForField("Key", String.class).orElse(""));
            };
            guard.bucket(s3.getValueForField("Bucket", String.class).orElse(null), keys, mode, request.getClass().getSimpleName());
        }

        static void sqs(LocalGrantGuard guard, SdkRequest request) {
            String url = switch ((SqsRequest) request) {
                case SendMessageRequest r -> r.queueUrl();
                case SendMessageBatchRequest r -> r.queueUrl();
                default -> throw guard.deny(request.getClass().getSimpleName() + ": functions only send; the event source receives");
            };
            guard.queue(url);
        }

        static void secrets(LocalGrantGuard guard, SdkRequest request) {
            if (request instanceof GetSecretValueRequest r) {
                guard.secret(r.secretId());
                return;
            }
            throw guard.deny(request.getClass().getSimpleName() + ": the function is not granted this secret");
        }

        static void emrServerless(LocalGrantGuard guard, SdkRequest request) {
            if (request instanceof StartJobRunRequest r) {
                guard.jobRun(r.applicationId(), r.executionRoleArn());
                return;
            }
            throw guard.deny(request.getClass().getSimpleName() + ": functions only start job runs");
        }
    }

    /** Also what a presigned URL may do: AWS refuses a URL signed by a role that lacks the action. */
    void bucket(String bucket, List<String> keys, Access.Mode mode, String operation) {
        Optional<ResourceId> resource = bucket == null ? Optional.empty()
                : bucket.equals(config.mediaBucket()) ? Optional.of(ResourceId.MEDIA_BUCKET)
                : bucket.equals(config.analyticsBucket()) ? Optional.of(ResourceId.ANALYTICS_BUCKET)
                : Optional.empty();
        if (resource.isEmpty()) {
            throw deny(operation + " on bucket " + bucket + ": the function is not granted this bucket");
        }
        List<Access> granted = grants.stream().filter(a -> a.resource() == resource.get() && covers(a.mode(), mode)).toList();
        if (granted.isEmpty()) {
            throw deny(operation + ": the function may not " + mode.name().toLowerCase() + " " + resource.get());
        }
        for (String key : keys) {
            if (granted.stream().noneMatch(a -> a.reachesObject(key))) {
                throw deny(operation + " of " + key + ": the function may not " + mode.name().toLowerCase() + " that key of " + resource.get());
            }
        }
    }

    private void queue(String url) {
        Optional<ResourceId> queue = url == null ? Optional.empty()
                : url.equals(config.paymentsQueueUrl()) ? Optional.of(ResourceId.PAYMENTS_QUEUE)
                : url.equals(config.behaviourQueueUrl()) ? Optional.of(ResourceId.BEHAVIOUR_QUEUE)
                : url.equals(config.accountsQueueUrl()) ? Optional.of(ResourceId.ACCOUNTS_QUEUE)
                : Optional.empty();
        if (queue.isEmpty() || grants.stream().noneMatch(a -> a.resource() == queue.get() && a.mode() == Access.Mode.SEND)) {
            throw deny("SendMessage to " + url + ": the function may not send to this queue");
        }
    }

    private void secret(String secretId) {
        List<ResourceId> granted = new ArrayList<>();
        grants.stream().map(Access::resource).forEach(granted::add);
        boolean ok = (secretId.equals(config.signingKeysSecret()) && granted.contains(ResourceId.SIGNING_KEYS))
                || (secretId.equals(config.verificationKeysSecret()) && granted.contains(ResourceId.VERIFICATION_KEYS))
                || (secretId.equals(config.stripeKeysSecret()) && granted.contains(ResourceId.STRIPE_KEYS));
        if (!ok) {
            throw deny("GetSecretValue of " + secretId + ": the function is not granted this secret");
        }
    }

    /** StartJobRun: IAM checks the action on the application and iam:PassRole of the role the run is to assume. */
    private void jobRun(String applicationId, String roleArn) {
        if (!granted(ResourceId.EMR_APPLICATION, Access.Mode.RUN) || !Objects.equals(applicationId, config.emrApplicationId())) {
            throw deny("StartJobRun on application " + applicationId + ": the function may not run jobs there");
        }
        if (!granted(ResourceId.EMR_JOB_ROLE, Access.Mode.PASS) || !Objects.equals(roleArn, config.emrJobRoleArn())) {
            throw deny("StartJobRun as " + roleArn + ": the function may not pass this role");
        }
    }

    private boolean granted(ResourceId resource, Access.Mode mode) {
        return grants.stream().anyMatch(a -> a.resource() == resource && a.mode() == mode);
    }

    private static boolean covers(Access.Mode granted, Access.Mode wanted) {
        return granted == wanted || granted == Access.Mode.READ_WRITE && (wanted == Access.Mode.READ || wanted == Access.Mode.WRITE);
    }

    private NotGranted deny(String what) {
        return new NotGranted("not granted to " + functionId + ": " + what + " (its catalog entry declares " + grants + ")");
    }
}
