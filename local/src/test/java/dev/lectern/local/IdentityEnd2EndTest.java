package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.auth.AuthConfig;
import dev.lectern.core.auth.KeySet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every identity route through the local platform's gateway, as a client app uses them. */
class IdentityEnd2EndTest extends LocalPlatformTest {

    private static final String PASSWORD = "correct horse battery";

    private static String uniqueEmail() {
        return "u-" + UUID.randomUUID() + "@example.com";
    }

    private static ApiClient.Response register(String email, String password, String name) {
        return api.post("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"" + name + "\"}");
    }

    private static JsonNode login(String email, String password) {
        ApiClient.Response response = api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode newUser(String email) {
        assertThat(register(email, PASSWORD, "Ann").status()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    @Test
    void registersWithANormalisedEmailAsALearner() {
        String email = uniqueEmail();
        ApiClient.Response response = register("  " + email.toUpperCase() + " ", PASSWORD, "Ann Lee");

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("id").asText()).matches("[0-9A-Z]{26}");
        assertThat(body.get("displayName").asText()).isEqualTo("Ann Lee");
        assertThat(body.get("roles")).extracting(JsonNode::asText).containsExactly("learner");
        assertThat(body.has("passwordHash")).isFalse();
        assertThat(register(email, PASSWORD, "Other").status()).isEqualTo(409);
        login(email, PASSWORD);
    }

    @Test
    void invalidRegistrationsNameTheirFields() {
        ApiClient.Response shortPassword = register("not-an-email", "short", "");
        ApiClient.Response broken = api.post("/auth/register", null, "{\"email\":");
        ApiClient.Response unknownField = api.post("/auth/register", null, "{\"email\":\"a@b.cd\",\"password\":\"0123456789\",\"displayName\":\"x\",\"admin\":true}");
        ApiClient.Response tooLarge = api.post("/auth/register", null, "{\"email\":\"" + "a".repeat(5000) + "\"}");

        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("email", "password", "displayName");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("type").asText()).isEqualTo("/problems/malformed-json");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().at("/errors/0/field").asText()).isEqualTo("admin");
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void ofTwentyConcurrentRegistrationsOfOneEmailExactlyOneWins() throws Exception {
        String email = uniqueEmail();
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(() -> register(email, PASSWORD, "Racer").status());
        }
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            statuses = pool.invokeAll(attempts).stream().map(IdentityEnd2EndTest::get).toList();
        }

        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(19);
    }

    @Test
    void wrongEmailAndWrongPasswordAnswerTheSame401() {
        String email = uniqueEmail();
        newUser(email);

        ApiClient.Response wrongPassword = api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"wrong password!\"}");
        ApiClient.Response wrongEmail = api.post("/auth/login", null, "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"wrong password!\"}");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail")).isEqualTo(wrongEmail.json().get("detail"));
    }

    @Test
    void fiveFailuresFromOneNetworkIn15MinutesThrottleItWith429AndRetryAfter() throws Exception {
        String email = uniqueEmail();
        newUser(email);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"wrong password!\"}").status()).isEqualTo(401);
        }

        ApiClient.Response throttled = api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("retry-after"))).isBetween(1L, 900L);
        String failuresKey = "LOGINFAIL#" + sha256(email);
        var item = platform.emulators().dynamoDb().getItem(b -> b.tableName(platform.emulators().resources().tableName())
                .key(Map.of("PK", AttributeValue.fromS(failuresKey), "SK", AttributeValue.fromS("WINDOW")))).item();
        assertThat(Long.parseLong(item.get("expiresAt").n())).isGreaterThan(Instant.now().getEpochSecond());
    }

    @Test
    void accessTokensCarryTheContractClaimsAndOpenMe() {
        String email = uniqueEmail();
        JsonNode tokens = newUser(email);
        var jwt = JWT.decode(tokens.get("accessToken").asText());

        assertThat(tokens.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(jwt.getAlgorithm()).isEqualTo("ES256");
        assertThat(jwt.getKeyId()).isNotBlank();
        assertThat(jwt.getAudience()).containsExactly(AuthConfig.AUDIENCE);
        assertThat(jwt.getIssuer()).isNotBlank();
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(jwt.getIssuedAtAsInstant().plusSeconds(900));
        assertThat(jwt.getClaim("roles").asList(String.class)).containsExactly("learner");
        ApiClient.Response me = api.get("/me", tokens.get("accessToken").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asText()).isEqualTo(email);
        assertThat(me.json().get("id").asText()).isEqualTo(jwt.getSubject());
    }

    @Test
    void everyMalformedOrForgedTokenIs401WithTheBearerChallenge() throws Exception {
        JsonNode tokens = newUser(uniqueEmail());
        var valid = JWT.decode(tokens.get("accessToken").asText());
        KeySet ours = KeySet.fromJson(Files.readString(platform.signingKeysFile()));
        KeySet.Key key = ours.active(Instant.now());
        KeySet stranger = KeySet.generate(Clock.systemUTC());
        Algorithm ourKey = Algorithm.ECDSA256(key.publicKey(), key.privateKey());
        Instant now = Instant.now();
        var base = JWT.create().withKeyId(key.kid()).withIssuer(valid.getIssuer()).withAudience(AuthConfig.AUDIENCE)
                .withSubject(valid.getSubject()).withJWTId("j").withClaim("roles", List.of("learner"));

        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("missing header", null);
        forged.put("malformed header", "Token abc");
        forged.put("garbage token", "Bearer not.a.jwt");
        forged.put("alg none", "Bearer " + unsigned(valid.getHeader(), valid.getPayload()));
        forged.put("HS256 with our public key", "Bearer " + base.withIssuedAt(Date.from(now)).withExpiresAt(Date.from(now.plusSeconds(600)))
                .sign(Algorithm.HMAC256(key.publicKey().getEncoded())));
        forged.put("wrong signature", "Bearer " + JWT.create().withKeyId(key.kid()).withIssuer(valid.getIssuer())
                .withAudience(AuthConfig.AUDIENCE).withSubject(valid.getSubject()).withJWTId("j").withIssuedAt(Date.from(now))
                .withExpiresAt(Date.from(now.plusSeconds(600))).sign(Algorithm.ECDSA256(stranger.active(now).publicKey(), stranger.active(now).privateKey())));
        forged.put("unknown kid", "Bearer " + JWT.create().withKeyId("unknown").withIssuer(valid.getIssuer()).withAudience(AuthConfig.AUDIENCE)
                .withSubject(valid.getSubject()).withJWTId("j").withIssuedAt(Date.from(now)).withExpiresAt(Date.from(now.plusSeconds(600)))
                .sign(ourKey));
        forged.put("wrong issuer", "Bearer " + JWT.create().withKeyId(key.kid()).withIssuer("https://evil.example").withAudience(AuthConfig.AUDIENCE)
                .withSubject(valid.getSubject()).withJWTId("j").withIssuedAt(Date.from(now)).withExpiresAt(Date.from(now.plusSeconds(600))).sign(ourKey));
        forged.put("wrong audience", "Bearer " + JWT.create().withKeyId(key.kid()).withIssuer(valid.getIssuer()).withAudience("other-api")
                .withSubject(valid.getSubject()).withJWTId("j").withIssuedAt(Date.from(now)).withExpiresAt(Date.from(now.plusSeconds(600))).sign(ourKey));
        forged.put("expired", "Bearer " + JWT.create().withKeyId(key.kid()).withIssuer(valid.getIssuer()).withAudience(AuthConfig.AUDIENCE)
                .withSubject(valid.getSubject()).withJWTId("j").withIssuedAt(Date.from(now.minusSeconds(1200)))
                .withExpiresAt(Date.from(now.minusSeconds(300))).sign(ourKey));
        forged.put("not yet valid", "Bearer " + JWT.create().withKeyId(key.kid()).withIssuer(valid.getIssuer()).withAudience(AuthConfig.AUDIENCE)
                .withSubject(valid.getSubject()).withJWTId("j").withIssuedAt(Date.from(now)).withNotBefore(Date.from(now.plusSeconds(600)))
                .withExpiresAt(Date.from(now.plusSeconds(1200))).sign(ourKey));

        forged.forEach((name, header) -> {
            ApiClient.Response response = api.send("GET", "/me", header, null);
            assertThat(response.status()).as(name).isEqualTo(401);
            assertThat(response.header("www-authenticate")).as(name).isEqualTo("Bearer error=\"invalid_token\"");
            assertThat(response.json().get("type").asText()).as(name).isEqualTo("/problems/unauthorized");
        });
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesTheWholeFamily() {
        JsonNode first = newUser(uniqueEmail());
        String r1 = first.get("refreshToken").asText();

        ApiClient.Response second = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + r1 + "\"}");
        assertThat(second.status()).isEqualTo(200);
        String r2 = second.json().get("refreshToken").asText();
        assertThat(r2).isNotEqualTo(r1);
        ApiClient.Response third = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + r2 + "\"}");
        assertThat(third.status()).isEqualTo(200);
        String r3 = third.json().get("refreshToken").asText();

        ApiClient.Response reuse = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + r1 + "\"}");
        ApiClient.Response descendant = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + r3 + "\"}");

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(descendant.status()).as("every descendant dies with the family").isEqualTo(401);
        assertThat(api.post("/auth/refresh", null, "{\"refreshToken\":\"nonsense\"}").status()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheSession() {
        JsonNode tokens = newUser(uniqueEmail());
        String refresh = tokens.get("refreshToken").asText();

        assertThat(api.post("/auth/logout", null, "{\"refreshToken\":\"" + refresh + "\"}").status()).isEqualTo(204);
        assertThat(api.post("/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}").status()).isEqualTo(401);
        assertThat(api.post("/auth/logout", null, "{}").status()).isEqualTo(400);
    }

    @Test
    void profileUpdatesAndTheCreatorRole() {
        JsonNode tokens = newUser(uniqueEmail());
        String access = tokens.get("accessToken").asText();

        ApiClient.Response patched = api.send("PATCH", "/me", access, "{\"displayName\":\"Ann Creator\",\"bio\":\"I teach Go.\"}");
        ApiClient.Response creator = api.post("/me/roles/creator", access, null);
        ApiClient.Response empty = api.send("PATCH", "/me", access, "{}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("bio").asText()).isEqualTo("I teach Go.");
        assertThat(creator.json().get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("learner", "creator");
        assertThat(empty.status()).isEqualTo(400);
        String refreshed = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}")
                .json().get("accessToken").asText();
        assertThat(JWT.decode(refreshed).getClaim("roles").asList(String.class)).contains("creator");
    }

    /** A new account made admin directly in the table (as the bootstrap does), signed in. */
    @Test
    void onlyAnAdminSetsRoles() {
        JsonNode learner = newUser(uniqueEmail());
        String learnerId = JWT.decode(learner.get("accessToken").asText()).getSubject();
        String admin = adminToken();

        ApiClient.Response forbidden = api.send("PUT", "/admin/users/" + learnerId + "/roles", learner.get("accessToken").asText(), "{\"roles\":[\"admin\"]}");
        ApiClient.Response granted = api.send("PUT", "/admin/users/" + learnerId + "/roles", admin, "{\"roles\":[\"learner\",\"creator\"]}");
        ApiClient.Response unknownRole = api.send("PUT", "/admin/users/" + learnerId + "/roles", admin, "{\"roles\":[\"king\"]}");
        ApiClient.Response unknownUser = api.send("PUT", "/admin/users/NOPE/roles", admin, "{\"roles\":[\"learner\"]}");
        ApiClient.Response anonymous = api.send("PUT", "/admin/users/" + learnerId + "/roles", null, "{\"roles\":[\"learner\"]}");

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("learner", "creator");
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void anAdminsRemovalOfTheCreatorRoleSticksUntilAnAdminGivesItBack() {
        String email = uniqueEmail();
        JsonNode tokens = newUser(email);
        String access = tokens.get("accessToken").asText();
        String userId = JWT.decode(access).getSubject();
        String admin = adminToken();
        assertThat(api.post("/me/roles/creator", access, null).status()).isEqualTo(200);

        ApiClient.Response demoted = api.send("PUT", "/admin/users/" + userId + "/roles", admin, "{\"roles\":[\"learner\"]}");
        ApiClient.Response oldToken = api.post("/me/roles/creator", access, null);
        String afterDemotion = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}")
                .json().get("accessToken").asText();
        ApiClient.Response selfService = api.post("/me/roles/creator", afterDemotion, null);
        ApiClient.Response me = api.get("/me", access);
        ApiClient.Response export = api.get("/me/export", access);
        ApiClient.Response otherRoleChange = api.send("PUT", "/admin/users/" + userId + "/roles", admin, "{\"roles\":[\"learner\",\"admin\"]}");
        ApiClient.Response stillRefused = api.post("/me/roles/creator", afterDemotion, null);

        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.json().get("roles")).extracting(JsonNode::asText).containsExactly("learner");
        assertThat(demoted.json().get("creatorSuspended").asBoolean()).isTrue();
        assertThat(oldToken.status()).as("a token from before the demotion writes nothing").isEqualTo(401);
        assertThat(selfService.status()).isEqualTo(403);
        assertThat(selfService.header("content-type")).startsWith("application/problem+json");
        assertThat(selfService.json().get("type").asText()).isEqualTo("/problems/forbidden");
        assertThat(selfService.json().get("detail").asText()).contains("An administrator removed your creator role");
        assertThat(me.json().get("roles")).extracting(JsonNode::asText).containsExactly("learner");
        assertThat(me.json().get("creatorSuspended").asBoolean()).isTrue();
        assertThat(export.json().at("/profile/creatorSuspended").asBoolean()).isTrue();
        assertThat(otherRoleChange.json().get("creatorSuspended").asBoolean()).as("another role change keeps the decision").isTrue();
        assertThat(stillRefused.status()).isEqualTo(403);
        assertThat(JWT.decode(afterDemotion).getClaim("roles").asList(String.class)).doesNotContain("creator");

        ApiClient.Response restored = api.send("PUT", "/admin/users/" + userId + "/roles", admin, "{\"roles\":[\"learner\",\"creator\"]}");
        api.send("PUT", "/admin/users/" + userId + "/roles", admin, "{\"roles\":[\"learner\"]}");
        ApiClient.Response demotedAgain = api.get("/me", access);

        assertThat(restored.json().get("creatorSuspended").asBoolean()).isFalse();
        assertThat(restored.json().get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("learner", "creator");
        assertThat(demotedAgain.json().get("creatorSuspended").asBoolean()).as("each removal is a decision of its own").isTrue();
    }

    @Test
    void settingRolesOfSomeoneWhoWasNeverACreatorSuspendsNothing() {
        JsonNode tokens = newUser(uniqueEmail());
        String access = tokens.get("accessToken").asText();
        String userId = JWT.decode(access).getSubject();

        ApiClient.Response set = api.send("PUT", "/admin/users/" + userId + "/roles", adminToken(), "{\"roles\":[\"learner\"]}");
        ApiClient.Response creator = api.post("/me/roles/creator", access, null);

        assertThat(set.json().get("creatorSuspended").asBoolean()).isFalse();
        assertThat(creator.status()).isEqualTo(200);
        assertThat(creator.json().get("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("learner", "creator");
    }

    @Test
    void exportListsThePersonalDataAndDeleteErasesIt() {
        String email = uniqueEmail();
        JsonNode tokens = newUser(email);
        String access = tokens.get("accessToken").asText();
        String userId = JWT.decode(access).getSubject();

        ApiClient.Response export = api.get("/me/export", access);
        ApiClient.Response wrongPassword = api.send("DELETE", "/me", access, "{\"password\":\"not my password\"}");
        ApiClient.Response deleted = api.send("DELETE", "/me", access, "{\"password\":\"" + PASSWORD + "\"}");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().at("/profile/email").asText()).isEqualTo(email);
        assertThat(export.json().get("sessions")).hasSize(1);
        assertThat(export.json().at("/profile/creatorSuspended").asBoolean()).isFalse();
        assertThat(export.json().at("/signInWindow/attempts").asInt()).as("the successful sign-in gave its attempt back").isZero();
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.post("/auth/refresh", null, "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}").status()).isEqualTo(401);
        assertThat(api.get("/me", access).status()).isEqualTo(401);
        assertThat(api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(401);
        // the scan is the test's, not the code's: no item anywhere still holds the email or the name
        var items = platform.emulators().dynamoDb().scanPaginator(b -> b.tableName(platform.emulators().resources().tableName())).items();
        items.forEach(item -> assertThat(item.toString()).doesNotContain(email).doesNotContain(email.toLowerCase())
                .satisfies(text -> {
                    if (text.contains(userId)) {
                        assertThat(text).doesNotContain("Ann");
                    }
                }));
        assertThat(register(email, PASSWORD, "Ann again").status()).as("the email is free again").isEqualTo(201);
    }

    @Test
    void theJwksPublishesTheVerifyingKeysWithoutPrivateParts() {
        ApiClient.Response jwks = api.get("/.well-known/jwks.json", null);
        KeySet keys = KeySet.fromJson(readKeys());

        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().get("keys")).extracting(k -> k.get("kid").asText()).contains(keys.active(Instant.now()).kid());
        assertThat(jwks.json().at("/keys/0/kty").asText()).isEqualTo("EC");
        assertThat(jwks.json().at("/keys/0/d").isMissingNode()).isTrue();
        assertThat(jwks.header("cache-control")).contains("max-age");
    }

    private static String readKeys() {
        try {
            return Files.readString(platform.signingKeysFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String unsigned(String header, String payload) {
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        return none + "." + payload + ".";
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
