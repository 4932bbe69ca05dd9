package dev.lectern.identity.tools;

import dev.lectern.core.auth.KeySet;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.identity.AdminBootstrap;
import dev.lectern.identity.IdentityStore;
import dev.lectern.identity.PasswordHasher;
import dev.lectern.identity.TokenIssuer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One-off operator commands against a deployed stage, with your AWS CLI credentials
 * (docs/operations.md):
 * <pre>
 * keys init    --signing-secret ARN --verification-secret ARN   first key set (once, after the first deploy)
 * keys rotate  --signing-secret ARN --verification-secret ARN   add a key (signs after 10 minutes), drop expired ones
 * create-admin --table NAME --email EMAIL                        the first admin; prints its password once
 * </pre>
 */
public final class IdentityAdmin {

    private IdentityAdmin() {
    }

    public static void main(String[] args) {
        try {
            run(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("identity-admin: " + e.getMessage());
            System.err.println("usage: keys init|rotate --signing-secret ARN --verification-secret ARN | create-admin --table NAME --email EMAIL");
            System.exit(2);
        }
    }

    private static void run(List<String> args) {
        Clock clock = Clock.systemUTC();
        if (args.size() >= 2 && args.getFirst().equals("keys")) {
            String signing = option(args, "--signing-secret");
            String verification = option(args, "--verification-secret");
            try (SecretsManagerClient secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(DefaultCredentialsProvider.builder().build()).build()) {
                KeySet keys = switch (args.get(1)) {
                    case "init" -> KeySet.generate(clock);
                    case "rotate" -> KeySet.fromJson(secrets.getSecretValue(b -> b.secretId(signing)).secretString())
                            .retire(clock, TokenIssuer.ACCESS_TOKEN_LIFETIME).rotate(clock);
                    default -> throw new IllegalArgumentException("unknown keys command " + args.get(1));
                };
                // the verification set first: no function may meet a kid it cannot load
                secrets.putSecretValue(b -> b.secretId(verification).secretString(keys.publicOnly().toJson()));
                secrets.putSecretValue(b -> b.secretId(signing).secretString(keys.toJson()));
                System.out.println("key set written: " + keys);
            }
            return;
        }
        if (!args.isEmpty() && args.getFirst().equals("create-admin")) {
            String table = option(args, "--table");
            String email = option(args, "--email");
            try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(DefaultCredentialsProvider.builder().build()).build()) {
                IdentityStore store = new IdentityStore(dynamoDb, LecternConfig.from(Map.of(LecternConfig.TABLE_NAME, table)::get));
                AdminBootstrap.createAdmin(store, new PasswordHasher(), clock, email, "Administrator").ifPresentOrElse(
                        admin -> System.out.println("admin " + admin.email() + " (" + admin.userId() + ") password: " + admin.password()),
                        () -> System.out.println(email + " is already registered; nothing changed"));
            }
            return;
        }
        throw new IllegalArgumentException("unknown command " + String.join(" ", args));
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return args.get(i + 1);
    }
}
