package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The web app as the local platform serves it, in a real browser: it loads, in the reader's language. */
class WebAppBrowserTest extends SeededPlatform {

    @Test
    void theHomePageSpeaksTheBrowsersLanguageAndSwitches() {
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.DESKTOP, "zh-CN")) {
            browser.open("/");
            browser.find(By.linkText("浏览"));
            assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-Hans");

            new org.openqa.selenium.support.ui.Select(browser.find(By.cssSelector("label.language select"))).selectByValue("en");

            browser.find(By.linkText("Browse"));
            assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        }
    }

    @Test
    void aDeepLinkLoadsTheAppAndAnUnknownPageSaysSo() {
        try (Browser browser = new Browser(platform.apiUrl(), Browser.Size.PHONE, "en")) {
            browser.open("/no/such/page");

            browser.waitForText("We could not find that page.");
        }
    }
}
