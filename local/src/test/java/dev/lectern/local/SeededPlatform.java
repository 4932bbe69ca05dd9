package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A local platform with {@code --seed}'s demo data for one test class (the browser tests): its
 * admin, three creators with a dozen courses, a month of behaviour and a first model.
 */
abstract class SeededPlatform {

    static LocalPlatform platform;
    static ApiClient api;

    @BeforeAll
    static void startSeededPlatform() {
        platform = LocalPlatform.start(new LocalPlatform.Options(0, null, true, true, 1));
        api = new ApiClient(platform.apiUrl());
    }

    @AfterAll
    static void stopSeededPlatform() {
        platform.close();
    }

    /** The demo creators' password (ada@, li.wei@, marta@lectern.local), as the seed printed it. */
    static String creatorPassword() {
        return seededPassword("published demo courses");
    }

    /** The seeded admin's (admin@lectern.local) password. */
    static String adminPassword() {
        return seededPassword("admin ");
    }

    private static String seededPassword(String lineContaining) {
        String line = platform.seeded().stream().filter(l -> l.contains(lineContaining)).findFirst().orElseThrow();
        Matcher m = Pattern.compile("password (\\S+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return m.group(1);
    }

    /** {@code POST /auth/login}'s token pair. */
    static JsonNode login(String email, String password) {
        var response = api.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** A published demo course's id by its title. */
    static String demoCourse(String title) {
        for (JsonNode course : api.get("/courses?limit=100", null).json().get("items")) {
            if (course.get("title").asText().equals(title)) {
                return course.get("id").asText();
            }
        }
        throw new IllegalStateException("no demo course " + title);
    }
}
