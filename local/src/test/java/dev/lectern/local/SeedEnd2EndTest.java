package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.resources.ResourceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** --seed: the platform is alive on first start, with a first admin whose password is shown once. */
class SeedEnd2EndTest {

    @Test
    void seedsAnAdminThatCanSignInAndManageRoles() {
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(0, null, true, true, 1))) {
            ApiClient api = new ApiClient(platform.apiUrl());
            String line = platform.seeded().stream().filter(l -> l.startsWith("admin ")).findFirst().orElseThrow();
            Matcher m = Pattern.compile("admin (\\S+) with password (\\S+)").matcher(line);
            assertThat(m.matches()).as(line).isTrue();

            var tokens = api.post("/auth/login", null, "{\"email\":\"" + m.group(1) + "\",\"password\":\"" + m.group(2) + "\"}");

            assertThat(tokens.status()).isEqualTo(200);
            assertThat(JWT.decode(tokens.json().get("accessToken").asText()).getClaim("roles").asList(String.class)).contains("admin");
            assertThat(api.send("PUT", "/admin/users/NOBODY/roles", tokens.json().get("accessToken").asText(),
                    "{\"roles\":[\"learner\"]}").status()).as("admin passes the role rule; the user is unknown").isEqualTo(404);

            var courses = api.get("/courses?limit=100", null).json().get("items");
            assertThat(courses).hasSize(12);
            var chinese = api.get("/courses?language=zh-Hans&limit=100", null).json().get("items");
            assertThat(chinese).hasSize(6);
            String free = api.get("/courses?priceMax=0&limit=100", null).json().at("/items/0/id").asText();
            var detail = api.get("/courses/" + free, null).json();
            String preview = detail.at("/syllabus/0/lessons/0/id").asText();
            assertThat(detail.at("/syllabus/0/lessons/0/freePreview").asBoolean()).isTrue();
            assertThat(api.get("/courses/" + free + "/lessons/" + preview + "/content", null).status()).isEqualTo(200);
            assertThat(api.get("/courses/search?q=%E6%9C%BA%E5%99%A8", null).json().get("items")).isNotEmpty();
        }
    }

    @Test
    void seedsAMonthOfBehaviourIntoTheLogAndTheLastDayIntoTrending() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(0, null, true, true, 1))) {
            var s3 = platform.emulators().s3();
            String bucket = platform.emulators().resources().bucketNames().get(ResourceId.ANALYTICS_BUCKET);
            String table = platform.emulators().resources().tableName();
            Instant now = Instant.now();

            assertThat(platform.seeded()).anySatisfy(line -> assertThat(line).contains("behaviour events of 300 demo learners over 30 days"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // the last 24 hours go through the queue, whose consumer writes the hourly counters
            while (IntStream.rangeClosed(0, 24).mapToObj(h -> Trending.partition(Trending.hourOf(now.minus(Duration.ofHours(h)))))
                    .allMatch(pk -> platform.emulators().dynamoDb().query(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).count() == 0)) {
                assertThat(System.nanoTime()).as("trending counters within 60 s").isLessThan(deadline);
                Thread.sleep(500);
            }
            assertThat(new ApiClient(platform.apiUrl()).get("/courses/trending", null).json().get("items")).isNotEmpty();
            // the seed runs analytics-daily over the month in the background: the admin's overview fills
            String adminLine = platform.seeded().stream().filter(l -> l.startsWith("admin ")).findFirst().orElseThrow();
            Matcher admin = Pattern.compile("admin (\\S+) with password (\\S+)").matcher(adminLine);
            assertThat(admin.matches()).isTrue();
            String adminToken = new ApiClient(platform.apiUrl()).post("/auth/login", null, "{\"email\":\"" + admin.group(1)
                    + "\",\"password\":\"" + admin.group(2) + "\"}").json().get("accessToken").asText();
            while (StreamSupport.stream(new ApiClient(platform.apiUrl()).get("/admin/analytics", adminToken).json().get("days").spliterator(), false)
                    .noneMatch(day -> day.get("dau").asLong() > 0)) {
                assertThat(System.nanoTime()).as("analytics of the seeded month within 60 s").isLessThan(deadline + Duration.ofSeconds(60).toNanos());
                Thread.sleep(500);
            }
            // then the similarity job over the same month: similar courses come from the demo learners' behaviour
            ApiClient api = new ApiClient(platform.apiUrl());
            String course = api.get("/courses?limit=1", null).json().at("/items/0/id").asText();
            JsonNode similar = api.get("/courses/" + course + "/similar", null).json();
            while (similar.get("modelVersion").asText().equals("none")) {
                assertThat(System.nanoTime()).as("a recommendation model within 90 s").isLessThan(deadline + Duration.ofSeconds(90).toNanos());
                Thread.sleep(500);
                similar = api.get("/courses/" + course + "/similar", null).json();
            }
            assertThat(similar.get("items")).isNotEmpty();
            Set<String> days = new TreeSet<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("events/")).contents()
                    .forEach(o -> days.add(o.key().substring("events/date=".length(), "events/date=".length() + 10)));
            assertThat(days).as("a month of daily partitions").hasSizeGreaterThanOrEqualTo(29);
        }
    }

    @Test
    void keepsEveryDemoPasswordInTheDataDirAndSeedsOnlyOnce(@TempDir Path dataDir) throws Exception {
        String creatorPassword;
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(0, dataDir, false, true, 1))) {
            creatorPassword = Files.readString(dataDir.resolve(DemoData.CREATORS_PASSWORD_FILE)).strip();
            String adminPassword = Files.readString(dataDir.resolve(DemoData.ADMIN_PASSWORD_FILE)).strip();
            ApiClient api = new ApiClient(platform.apiUrl());

            assertThat(api.post("/auth/login", null, "{\"email\":\"ada@lectern.local\",\"password\":\"" + creatorPassword + "\"}").status())
                    .isEqualTo(200);
            assertThat(api.post("/auth/login", null, "{\"email\":\"" + DemoData.ADMIN_EMAIL + "\",\"password\":\"" + adminPassword + "\"}")
                    .status()).isEqualTo(200);
            assertThat(Files.getPosixFilePermissions(dataDir.resolve(DemoData.CREATORS_PASSWORD_FILE)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (LocalPlatform again = LocalPlatform.start(new LocalPlatform.Options(0, dataDir, false, true, 1))) {
            assertThat(again.seeded()).anySatisfy(line -> assertThat(line).startsWith("demo catalog exists")
                    .contains(dataDir.resolve(DemoData.CREATORS_PASSWORD_FILE).toAbsolutePath().toString()));
            assertThat(Files.readString(dataDir.resolve(DemoData.CREATORS_PASSWORD_FILE)).strip()).isEqualTo(creatorPassword);
            assertThat(new ApiClient(again.apiUrl()).get("/courses?limit=100", null).json().get("items")).hasSize(12);
        }
    }
}
