package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An erased or demoted account loses write access at once, not when its access token expires. */
class AccountChangesEnd2EndTest extends LocalPlatformTest {

    private static final String COURSE = "{\"title\":\"After\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}}";

    @Test
    void anErasedAccountsTokenNoLongerWritesAnything() {
        String email = "gone-" + UUID.randomUUID() + "@example.com";
        api.post("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\",\"displayName\":\"Gus\"}");
        JsonNode tokens = api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\"}").json();
        api.post("/me/roles/creator", tokens.get("accessToken").asText(), null);
        String creator = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}")
                .json().get("accessToken").asText();
        String courseId = api.post("/courses", creator, COURSE).json().get("id").asText();
        String someoneElses = api.post("/courses", signUp(true), COURSE).json().get("id").asText();

        assertThat(api.send("DELETE", "/me", creator, "{\"password\":\"" + ApiClient.PASSWORD + "\"}").status()).isEqualTo(204);

        assertThat(java.util.List.of(
                api.post("/courses", creator, COURSE),
                api.send("PATCH", "/courses/" + courseId, creator, "{\"title\":\"Still here?\"}"),
                api.post("/courses/" + someoneElses + "/enroll", creator, null),
                api.post("/courses/" + someoneElses + "/reviews", creator, "{\"rating\":1}"),
                api.post("/me/roles/creator", creator, null)))
                .allSatisfy(response -> {
                    assertThat(response.status()).as(response.body()).isEqualTo(401);
                    assertThat(response.header("www-authenticate")).contains("Bearer");
                });
    }

    @Test
    void aDemotedCreatorsOldTokenStopsWritingAndARefreshedOneHasTheNewRoles() {
        String email = "demoted-" + UUID.randomUUID() + "@example.com";
        api.post("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\",\"displayName\":\"Dee\"}");
        JsonNode tokens = api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\"}").json();
        api.post("/me/roles/creator", tokens.get("accessToken").asText(), null);
        JsonNode creatorTokens = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}").json();
        String creator = creatorTokens.get("accessToken").asText();
        String userId = JWT.decode(creator).getSubject();
        assertThat(api.post("/courses", creator, COURSE).status()).isEqualTo(201);

        assertThat(api.send("PUT", "/admin/users/" + userId + "/roles", adminToken(), "{\"roles\":[\"learner\"]}").status()).isEqualTo(200);

        assertThat(api.post("/courses", creator, COURSE).status()).as("the old token, issued before the demotion").isEqualTo(401);
        assertThat(api.get("/courses?creatorId=" + userId, creator).status()).as("reads are not writes").isEqualTo(200);
        String refreshed = api.post("/auth/refresh", null, "{\"refreshToken\":\"" + creatorTokens.get("refreshToken").asText() + "\"}")
                .json().get("accessToken").asText();
        assertThat(JWT.decode(refreshed).getClaim("roles").asList(String.class)).containsExactly("learner");
        assertThat(api.post("/courses", refreshed, COURSE).status()).isEqualTo(403);
        assertThat(api.send("PATCH", "/me", refreshed, "{\"bio\":\"still me\"}").status()).isEqualTo(200);
    }
}
