package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A creator's work in a real browser: a new course with a section and a video lesson, the video
 * uploaded straight to the media bucket with a progress bar, publishing (first refused with what is
 * missing), the course found by search, and the analytics page.
 */
class CreatorJourneyBrowserTest extends SeededPlatform {

    private static final Path VIDEO = Path.of("src", "main", "resources", "demo", "welcome.webm").toAbsolutePath();
    @Test
    void createUploadPublishFindAndReadAnalytics() {
        String title = "Rust for Web Developers " + UUID.randomUUID().toString().substring(0, 6);
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "en")) {
            browser.open("/signin");
            browser.find(By.name("email")).sendKeys("ada@lectern.local");
            browser.find(By.name("password")).sendKeys(creatorPassword(), Keys.ENTER);
            browser.find(By.linkText("Studio")).click();
            browser.testId("studio-course-row");
            browser.screenshot("studio");

            // a new course
            WebElement form = browser.testId("new-course-form");
            browser.labelled(form, "Title").sendKeys(title);
            browser.labelled(form, "Subtitle").sendKeys("Axum, SQLx and a deploy");
            browser.labelled(form, "Description").sendKeys("From a first handler to production.");
            new Select(browser.labelled(form, "Language")).selectByValue("en");
            browser.labelled(form, "Tags").sendKeys("rust, web");
            browser.labelled(form, "Price").sendKeys("19.00");
            browser.click(form.findElement(By.cssSelector("button[type=submit]")));
            browser.until(d -> d.getCurrentUrl().matches(".*/studio/courses/[0-9A-Z]{26}$"));
            String courseId = browser.driver().getCurrentUrl().replaceAll(".*/studio/courses/", "");
            assertThat(browser.testId("course-status").getText()).containsIgnoringCase("draft");

            // a section and a free-preview video lesson in it
            WebElement addSection = browser.testId("add-section");
            addSection.findElement(By.name("sectionTitle")).sendKeys("Getting started", Keys.ENTER);
            browser.click(browser.find(By.xpath("//button[contains(., 'Add a lesson to “Getting started”')]")));
            WebElement lessonForm = browser.testId("add-lesson");
            new Select(browser.labelled(lessonForm, "Type")).selectByValue("video");
            browser.labelled(lessonForm, "Lesson title").sendKeys("Welcome");
            browser.labelled(lessonForm, "Seconds").sendKeys("30");
            browser.click(lessonForm.findElement(By.cssSelector("input[type=checkbox]")));
            browser.click(lessonForm.findElement(By.cssSelector("button[type=submit]")));
            browser.testId("lesson");

            // publishing before the upload says what is missing
            browser.click(browser.testId("publish-button"));
            assertThat(browser.testId("publish-missing").getText()).contains("Welcome");

            // the upload goes straight to the bucket, with its progress shown
            browser.driver().findElement(Browser.byTestId("upload-input")).sendKeys(VIDEO.toString());
            browser.until(d -> "100".equals(d.findElement(Browser.byTestId("upload-progress")).getAttribute("value")));
            browser.waitForText("is uploaded");
            browser.screenshot("course-editor");

            browser.click(browser.testId("publish-button"));
            browser.until(d -> d.findElement(Browser.byTestId("course-status")).getText().toLowerCase().contains("published"));
            JsonNode published = api.get("/courses/" + courseId, null).json();
            assertThat(published.get("status").asText()).isEqualTo("published");
            assertThat(published.at("/price/amount").asLong()).isEqualTo(1900);

            // learners find it (the search index catches up within seconds)
            browser.until(Duration.ofSeconds(60), d -> {
                browser.open("/search?q=" + title.replace(" ", "%20"));
                browser.testId("search-count");
                return d.findElements(Browser.byTestId("course-card")).stream().anyMatch(c -> c.getText().contains(title)) ? true : null;
            });

            // the analytics page: the seed's month of behaviour (its daily job runs in the background after start)
            browser.until(Duration.ofSeconds(90), d -> {
                browser.open("/studio/analytics");
                browser.until(page -> !page.findElements(Browser.byTestId("analytics-totals")).isEmpty()
                        || !page.findElements(By.cssSelector("[role=alert]")).isEmpty());
                return d.findElements(Browser.byTestId("analytics-empty")).isEmpty() ? true : null;
            });
            assertThat(browser.all(By.cssSelector("canvas"))).isNotEmpty();
            browser.screenshot("creator-analytics");
        }
    }
}
