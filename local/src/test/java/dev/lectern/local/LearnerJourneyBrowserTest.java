package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A learner's whole visit in a real browser, against the local platform with its demo data: search
 * in Chinese, a free preview, sign up, buy with a coupon on the Stripe stand-in's page, the lesson
 * plays and its position survives a reload, a review, recommendations.
 */
class LearnerJourneyBrowserTest extends SeededPlatform {

    @Test
    void searchPreviewSignUpBuyWithACouponLearnReviewAndGetRecommendations() {
        String courseId = demoCourse("数据分析与可视化");
        String coupon = "WEB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        createCoupon(courseId, coupon, 50);

        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "zh-CN")) {
            browser.open("/");
            browser.testId("trending");
            browser.screenshot("home-zh");

            // search in Chinese from the header
            WebElement search = browser.find(By.id("site-search"));
            search.sendKeys("数据分析", Keys.ENTER);
            browser.until(d -> d.getCurrentUrl().contains("/search?q="));
            browser.testId("search-count");
            WebElement card = browser.until(d -> d.findElements(Browser.byTestId("course-card")).stream()
                    .filter(c -> c.getText().contains("数据分析与可视化")).findFirst().orElse(null));
            browser.screenshot("search-zh");
            card.findElement(By.partialLinkText("数据分析与可视化")).click();

            // the course page and its free preview, before signing up
            browser.until(d -> d.getCurrentUrl().endsWith("/course/" + courseId));
            browser.testId("buy-button");
            browser.screenshot("course-zh");
            browser.testId("preview-link").click();
            assertPlays(browser);

            // sign up, coming back to the course
            browser.open("/signup?next=" + "/course/" + courseId);
            String email = "learner-" + UUID.randomUUID() + "@example.com";
            browser.find(By.name("displayName")).sendKeys("Wen");
            browser.find(By.name("email")).sendKeys(email);
            browser.find(By.name("password")).sendKeys("correct horse battery staple", Keys.ENTER);
            browser.until(d -> d.getCurrentUrl().endsWith("/course/" + courseId));

            // buy with the coupon: the stand-in's hosted page, Pay, back to the app
            browser.testId("coupon-input").sendKeys(coupon);
            browser.testId("buy-button").click();
            browser.find(By.xpath("//button[@value='pay']")).click();
            browser.until(d -> d.getCurrentUrl().contains("/checkout/success"));
            browser.until(d -> d.findElement(Browser.byTestId("order-status")).getText().contains("已付款"));
            browser.screenshot("checkout-success-zh");
            String orderId = browser.driver().getCurrentUrl().replaceAll(".*orderId=([0-9A-Z]+).*", "$1");
            JsonNode order = api.get("/orders/" + orderId, token(email)).json();
            assertThat(order.at("/status").asText()).isEqualTo("paid");
            assertThat(order.at("/couponCode").asText()).isEqualTo(coupon);
            assertThat(order.at("/total/amount").asLong()).isEqualTo(order.at("/price/amount").asLong() / 2);

            // the lesson plays; its position is saved and survives a reload
            browser.testId("start-learning").click();
            browser.find(By.linkText("课程介绍")).click();
            double played = assertPlays(browser);
            browser.script("arguments[0].pause()", browser.testId("player-video"));
            browser.until(d -> d.findElement(Browser.byTestId("progress-status")).getText().matches(".*\\d+:\\d\\d.*"));
            browser.driver().navigate().refresh();
            WebElement video = browser.testId("player-video");
            double resumed = browser.until(d -> {
                Number at = (Number) browser.script("return arguments[0].readyState > 0 ? arguments[0].currentTime : null", video);
                return at != null && at.doubleValue() > 0 ? at.doubleValue() : null;
            });
            assertThat(resumed).as("resumes where it was paused").isGreaterThanOrEqualTo(Math.floor(played) - 1);
            browser.screenshot("player-zh");

            // a review on the course page
            browser.open("/course/" + courseId);
            new Select(browser.testId("review-rating")).selectByValue("5");
            browser.testId("review-text").sendKeys("讲得清楚，例子很实用。");
            browser.testId("review-submit").click();
            browser.waitForText("讲得清楚，例子很实用。");
            JsonNode review = browser.until(d -> {
                for (JsonNode item : api.get("/courses/" + courseId + "/reviews?limit=100", null).json().get("items")) {
                    if (item.get("text").asText().equals("讲得清楚，例子很实用。")) {
                        return item;
                    }
                }
                return null;
            });
            assertThat(review.get("rating").asInt()).isEqualTo(5);

            // the library shows the course with its progress; home has recommendations for this learner
            browser.open("/library");
            browser.until(d -> d.findElements(Browser.byTestId("library-item")).stream().anyMatch(i -> i.getText().contains("数据分析与可视化")));
            browser.screenshot("library-zh");
            browser.open("/");
            WebElement forYou = browser.testId("for-you");
            browser.until(d -> !forYou.findElements(Browser.byTestId("course-card")).isEmpty());
            assertThat(forYou.findElements(Browser.byTestId("course-card")))
                    .as("never a course the learner has")
                    .allSatisfy(c -> assertThat(c.findElement(By.cssSelector("h2 a, h3 a")).getAttribute("href")).doesNotEndWith(courseId));
            assertThat(forYou.getText()).as("the reason names what they took").contains("因为你学过 数据分析与可视化");
        }
    }

    /** The video element plays: its clock moves. Returns where it got to. */
    private static double assertPlays(Browser browser) {
        WebElement video = browser.testId("player-video");
        browser.script("arguments[0].muted = true; arguments[0].play()", video);
        return browser.until(d -> {
            Number at = (Number) browser.script("return arguments[0].currentTime", video);
            return at.doubleValue() >= 3 ? at.doubleValue() : null;
        });
    }

    private static void createCoupon(String courseId, String code, int percentOff) {
        String token = login("li.wei@lectern.local", creatorPassword()).get("accessToken").asText();
        var created = api.post("/courses/" + courseId + "/coupons", token,
                "{\"code\":\"" + code + "\",\"percentOff\":" + percentOff + ",\"maxRedemptions\":10,\"expiresAt\":\""
                        + java.time.Instant.now().plus(java.time.Duration.ofDays(30)) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static String token(String email) {
        return login(email, "correct horse battery staple").get("accessToken").asText();
    }
}
