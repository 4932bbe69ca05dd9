package dev.lectern.local;

import dev.lectern.catalog.CatalogModel.Course;
import dev.lectern.catalog.CatalogModel.Lesson;
import dev.lectern.catalog.CatalogModel.Money;
import dev.lectern.catalog.CatalogModel.Rating;
import dev.lectern.catalog.CatalogModel.Section;
import dev.lectern.catalog.CatalogStore;
import dev.lectern.catalog.MediaStore;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.identity.EmailAddress;
import dev.lectern.identity.IdentityStore;
import dev.lectern.identity.PasswordHasher;
import dev.lectern.identity.User;
import dev.lectern.local.emulators.Emulators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code --seed}'s demo catalog: three creators and a dozen published courses in English and
 * Chinese, each with sections, a free-preview video (a real 30-second WebM, 150 KB: a test pattern
 * and a tone, so the web app's player has something to play) and an article, so that browsing,
 * search and content access work on first start.
 */
final class DemoCatalog {

    private static final long WELCOME_SECONDS = 30;

    private record Creator(String email, String name, List<String[]> courses) {
    }

    private static final List<Creator> CREATORS = List.of(
            new Creator("ada@lectern.local", "Ada Byron", List.of(
                    new String[] {"en", "Java from Scratch", "Records, streams and the JVM", "java,programming", "0"},
                    new String[] {"en", "Serverless on AWS", "Lambda, DynamoDB and SQS in practice", "aws,cloud", "2900"},
                    new String[] {"en", "Data Science with Python", "Pandas, plots and models", "python,data", "1900"},
                    new String[] {"en", "Machine Learning Basics", "From regression to trees", "ml,ai", "3900"})),
            new Creator("li.wei@lectern.local", "李伟", List.of(
                    new String[] {"zh-Hans", "机器学习入门", "从线性回归到决策树", "机器学习,人工智能", "0"},
                    new String[] {"zh-Hans", "Go语言实战", "并发、接口与工程实践", "编程,go", "2900"},
                    new String[] {"zh-Hans", "数据分析与可视化", "用Python讲清楚数据", "数据分析,python", "1900"},
                    new String[] {"zh-Hans", "产品经理的第一课", "需求、原型与迭代", "产品,管理", "990"})),
            new Creator("marta@lectern.local", "Marta Núñez", List.of(
                    new String[] {"en", "Photography for Beginners", "Light, composition and editing", "photography,art", "0"},
                    new String[] {"en", "Guitar in 30 Days", "Chords, rhythm and your first songs", "music,guitar", "1500"},
                    new String[] {"zh-Hans", "家常菜烹饪", "二十道快手菜", "烹饪,生活", "0"},
                    new String[] {"zh-Hans", "摄影后期技巧", "调色与构图", "摄影,艺术", "1200"})));

    private DemoCatalog() {
    }

    /** The banner line, whether this call created the creators (with {@code password}), and the courses it published. */
    record Seeded(String line, boolean created, List<DemoCourse> courses) {
    }

    /** A published demo course as the demo behaviour needs it: its lessons in syllabus order with their durations. */
    record DemoCourse(String id, String language, long priceAmount, String currency, List<String> lessonIds, List<Long> durations) {
    }

    /** Does nothing when the demo creators exist already (a persisted data dir). */
    static Seeded seed(Emulators emulators, Clock clock, String password) {
        var config = emulators.resources().config(LocalPlatform.STAGE);
        IdentityStore identity = new IdentityStore(emulators.dynamoDb(), config);
        if (identity.userIdByEmail(EmailAddress.normalize(CREATORS.getFirst().email())).isPresent()) {
            return new Seeded("demo catalog exists (creators " + CREATORS.stream().map(Creator::email).toList() + ")", false, List.of());
        }
        CatalogStore catalog = new CatalogStore(emulators.dynamoDb(), config);
        PasswordHasher hasher = new PasswordHasher();
        String bucket = emulators.resources().bucketNames().get(ResourceId.MEDIA_BUCKET);
        byte[] welcome = welcomeVideo();
        Instant start = clock.instant().minus(Duration.ofDays(30));
        int courses = 0;
        List<DemoCourse> published = new ArrayList<>();
        for (Creator creator : CREATORS) {
            String userId = Ids.newId();
            identity.createUser(new User(userId, creator.email(), creator.name(), "", Set.of(Caller.LEARNER, Caller.CREATOR),
                    hasher.hash(password), start, start, 1), EmailAddress.normalize(creator.email()));
            for (String[] spec : creator.courses()) {
                Instant created = start.plus(Duration.ofDays(++courses));
                Course course = new Course(Ids.newId(), userId, creator.name(), spec[1], spec[2], spec[2] + ". A demo course of the local platform.",
                        spec[0], "beginner", List.of(spec[3].split(",")), new Money(Long.parseLong(spec[4]), spec[0].startsWith("zh") ? "cny" : "usd"),
                        "draft", created, created, null, 1, new Rating(0, 0));
                catalog.createCourse(course);
                boolean chinese = spec[0].startsWith("zh");
                Section first = new Section(Ids.newId(), chinese ? "第一章" : "Getting started", 1);
                Section second = new Section(Ids.newId(), chinese ? "第二章" : "Going further", 2);
                catalog.putSection(course.id(), first);
                catalog.putSection(course.id(), second);
                Lesson video = new Lesson(Ids.newId(), first.id(), chinese ? "课程介绍" : "Welcome", "video", WELCOME_SECONDS, true, 1, null, null, null);
                Lesson article = new Lesson(Ids.newId(), first.id(), chinese ? "学习指南" : "How to use this course", "article", 300L, false, 2,
                        null, null, chinese ? "# 学习指南\n\n每天学习一点点。" : "# How to use this course\n\nA little every day.");
                Lesson deeper = new Lesson(Ids.newId(), second.id(), chinese ? "深入一步" : "A step further", "article", 600L, false, 1,
                        null, null, chinese ? "# 深入\n\n继续前进。" : "# Further\n\nKeep going.");
                for (Lesson lesson : List.of(video, article, deeper)) {
                    catalog.putLesson(course.id(), lesson);
                }
                String key = MediaStore.keyOf(course.id(), video.id());
                emulators.s3().putObject(b -> b.bucket(bucket).key(key).contentType("video/webm"), RequestBody.fromBytes(welcome));
                catalog.setLessonMedia(course.id(), video.id(), key, "video/webm");
                catalog.publish(course, video.id(), created.plus(Duration.ofHours(1)));
                published.add(new DemoCourse(course.id(), course.language(), course.price().amount(), course.price().currency(),
                        List.of(video.id(), article.id(), deeper.id()), List.of(WELCOME_SECONDS, 300L, 600L)));
            }
        }
        return new Seeded(courses + " published demo courses by " + CREATORS.stream().map(Creator::email).toList()
                + ", password " + password, true, List.copyOf(published));
    }

    private static byte[] welcomeVideo() {
        try (InputStream in = DemoCatalog.class.getResourceAsStream("/demo/welcome.webm")) {
            if (in == null) {
                throw new IllegalStateException("demo/welcome.webm is missing from the local platform's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
