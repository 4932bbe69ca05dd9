package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.http.Json;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/** What people see when things go wrong: words, not codes, and a way on. */
class BadCasesBrowserTest extends SeededPlatform {

    @Test
    void aRefusedSignInShowsTheProblemsDetail() {
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "en")) {
            browser.open("/signin");
            browser.find(By.name("email")).sendKeys("nobody@example.com");
            browser.find(By.name("password")).sendKeys("not the password", Keys.ENTER);

            String alert = browser.find(By.cssSelector("[role=alert]")).getText();
            assertThat(alert).contains("Wrong email or password").contains("Reference: ");
        }
    }

    @Test
    void aTakenEmailIsExplainedOnSignUp() {
        String email = "taken-" + UUID.randomUUID() + "@example.com";
        api.post("/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\",\"displayName\":\"Ann\"}");
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "en")) {
            browser.open("/signup");
            browser.find(By.name("displayName")).sendKeys("Ann again");
            browser.find(By.name("email")).sendKeys(email);
            browser.find(By.name("password")).sendKeys(ApiClient.PASSWORD, Keys.ENTER);

            assertThat(browser.find(By.cssSelector("[role=alert]")).getText()).contains("An account with this email exists");
        }
    }

    @Test
    void anExpiredSessionSendsYouToSignInAndSaysWhy() throws Exception {
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "en")) {
            signUpInBrowser(browser);
            browser.open("/library");
            browser.until(d -> d.getCurrentUrl().endsWith("/library"));
            // the session ends elsewhere (signed out on another device) and the access token runs out
            JsonNode session = Json.mapper().readTree((String) browser.script("return localStorage.getItem('lectern.session')"));
            assertThat(api.post("/auth/logout", null, "{\"refreshToken\":\"" + session.get("refreshToken").asText() + "\"}").status())
                    .isEqualTo(204);
            browser.script("const s = JSON.parse(localStorage.getItem('lectern.session')); s.expiresAt = 0;"
                    + " localStorage.setItem('lectern.session', JSON.stringify(s));");

            browser.open("/purchases");

            browser.waitForText("Your session has expired. Please sign in again.");
            browser.until(d -> d.getCurrentUrl().contains("/signin?next="));
            assertThat(browser.script("return localStorage.getItem('lectern.session')")).isNull();
        }
    }

    @Test
    void aDeclinedCardKeepsThePaymentPageAndCancellingComesBackToTheCourse() {
        String courseId = paidDemoCourse();
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "en")) {
            signUpInBrowser(browser);
            browser.open("/course/" + courseId);
            browser.testId("buy-button").click();

            browser.find(By.xpath("//button[@value='decline']")).click();
            assertThat(browser.find(By.cssSelector(".declined[role=alert]")).getText()).containsIgnoringCase("declined");
            browser.find(By.partialLinkText("Cancel and go back")).click();

            browser.until(d -> d.getCurrentUrl().contains("/checkout/cancel"));
            assertThat(browser.testId("order-status").getText()).containsIgnoringCase("cancel");
        }
    }

    @Test
    void anUnreachableApiIsSaidInWords() {
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "en")) {
            browser.open("/");
            browser.testId("trending");
            ((org.openqa.selenium.chrome.ChromeDriver) browser.driver()).setNetworkConditions(new ChromiumNetworkConditions() {
                {
                    setOffline(true);
                }
            });

            browser.find(By.linkText("Browse")).click();

            browser.waitForText("You are offline or Lectern cannot be reached right now.");
        }
    }

    private static void signUpInBrowser(Browser browser) {
        browser.open("/signup");
        browser.find(By.name("displayName")).sendKeys("Bea");
        browser.find(By.name("email")).sendKeys("bea-" + UUID.randomUUID() + "@example.com");
        browser.find(By.name("password")).sendKeys(ApiClient.PASSWORD, Keys.ENTER);
        browser.until(d -> !d.getCurrentUrl().contains("/signup"));
        browser.find(By.linkText("Bea"));
    }

    private static String paidDemoCourse() {
        for (JsonNode course : api.get("/courses?limit=100", null).json().get("items")) {
            if (course.at("/price/amount").asLong() > 0) {
                return course.get("id").asText();
            }
        }
        throw new IllegalStateException("the seed has no paid course");
    }
}
