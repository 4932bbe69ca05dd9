package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every main page passes axe-core's WCAG 2.1 A and AA rules (labels, names, contrast, landmarks,
 * language) in English, Chinese and at a phone's width, for each kind of visitor.
 */
class AccessibilityBrowserTest extends SeededPlatform {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    @Test
    void publicPagesInBothLanguagesAndOnAPhone() {
        JsonNode course = api.get("/courses?limit=1", null).json().at("/items/0");
        String courseId = course.get("id").asText();
        String preview = api.get("/courses/" + courseId, null).json().at("/syllabus/0/lessons/0/id").asText();
        List<String> pages = List.of("/", "/browse", "/search?q=python", "/course/" + courseId, "/learn/" + courseId + "/" + preview,
                "/creator/" + course.get("creatorId").asText(), "/signin", "/signup", "/no-such-page");
        List<String> violations = new ArrayList<>();
        for (String language : List.of("en", "zh-CN")) {
            try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, language)) {
                pages.forEach(page -> violations.addAll(scan(browser, page)));
                if (language.equals("en")) {
                    violations.addAll(scan(browser, "/browse?sort=popular"));
                    browser.screenshot("browse");
                }
            }
        }
        try (Browser phone = new Browser(platform.apiUrl(), Browser.Size.PHONE, "en")) {
            violations.addAll(scan(phone, "/course/" + courseId));
            violations.addAll(scan(phone, "/"));
            phone.screenshot("home-phone");
        }

        assertThat(violations).isEmpty();
    }

    @Test
    void learnerCreatorAndAdminPages() {
        String adaCourse = api.get("/courses?limit=100", null).json().findValues("id").stream()
                .map(JsonNode::asText).filter(id -> api.get("/courses/" + id, null).json().at("/creatorName").asText().startsWith("Ada"))
                .findFirst().orElseThrow();
        List<String> violations = new ArrayList<>();
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "en")) {
            browser.signIn(login("ada@lectern.local", creatorPassword()));
            for (String page : List.of("/library", "/purchases", "/account", "/studio", "/studio/courses/" + adaCourse,
                    "/studio/courses/" + adaCourse + "/coupons", "/studio/earnings", "/studio/analytics")) {
                violations.addAll(scan(browser, page));
            }
        }
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "zh-CN")) {
            browser.signIn(login("admin@lectern.local", adminPassword()));
            violations.addAll(scan(browser, "/console"));
            browser.screenshot("admin-console-zh");
        }

        assertThat(violations).isEmpty();
    }

    @Test
    void theScanSeesAViolation() {
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "en")) {
            browser.open("/signin");
            browser.find(By.cssSelector("main h1"));
            browser.script("const i = document.createElement('input'); document.querySelector('main').appendChild(i);");

            Results results = new AxeBuilder().withTags(WCAG).analyze(browser.driver());

            assertThat(results.getViolations()).extracting(Rule::getId).contains("label");
        }
    }

    /** The page once it has loaded its data (no "Loading…" left), checked; one line per violation. */
    private static List<String> scan(Browser browser, String page) {
        browser.open(page);
        browser.find(By.cssSelector("main h1"));
        browser.until(d -> d.findElements(Browser.byTestId("loading")).isEmpty());
        Results results = new AxeBuilder().withTags(WCAG).analyze(browser.driver());
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            found.add(page + " [" + browser.driver().findElement(By.tagName("html")).getAttribute("lang") + "] " + rule.getId()
                    + " (" + rule.getImpact() + "): " + rule.getHelp() + " — " + rule.getNodes().stream().limit(3)
                    .map(n -> String.valueOf(n.getTarget())).toList());
        }
        return found;
    }
}
