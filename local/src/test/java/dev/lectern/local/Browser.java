package dev.lectern.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through its chromedriver (WebDriver), for the web app's journeys. The
 * binaries are Debian's {@code chromium} and {@code chromium-driver} (or {@code LECTERN_CHROMIUM} /
 * {@code LECTERN_CHROMEDRIVER}); a machine without them fails here with what to install, it does not
 * skip. Waits are conditions on the page, bounded generously; nothing asserts on time.
 */
final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A phone's viewport, or a laptop's. */
    enum Size { DESKTOP, PHONE }

    private final ChromeDriver driver;
    private final String base;

    Browser(String base, Size size, String language) {
        this.base = base;
        File chromium = binary("LECTERN_CHROMIUM", "/usr/bin/chromium");
        File chromedriver = binary("LECTERN_CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--mute-audio", "--autoplay-policy=no-user-gesture-required", "--lang=" + language,
                size == Size.PHONE ? "--window-size=390,844" : "--window-size=1280,900");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    private static File binary(String variable, String fallback) {
        String configured = System.getenv(variable);
        File file = new File(configured != null && !configured.isBlank() ? configured : fallback);
        if (!file.canExecute()) {
            throw new IllegalStateException("The web app's browser tests need " + file + ": install Debian's chromium and "
                    + "chromium-driver packages (apt-get install chromium chromium-driver), or set " + variable);
        }
        return file;
    }

    /**
     * Signs in as the API's {@code POST /auth/login} answer says, the way the app keeps a session
     * (web/src/api/session.ts): for pages whose test is not about signing in.
     */
    void signIn(com.fasterxml.jackson.databind.JsonNode tokenPair) {
        open("/favicon.svg");
        script("localStorage.setItem('lectern.session', JSON.stringify({accessToken: arguments[0], refreshToken: arguments[1],"
                + " expiresAt: Date.now() + (arguments[2] - 60) * 1000}))",
                tokenPair.get("accessToken").asText(), tokenPair.get("refreshToken").asText(), tokenPair.get("expiresIn").asInt());
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** The element once it is visible. */
    WebElement find(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement testId(String id) {
        return find(byTestId(id));
    }

    /**
     * The control whose label's first line reads {@code label}, inside {@code scope}: the label's
     * {@code for} target, or the control the label wraps.
     */
    WebElement labelled(WebElement scope, String label) {
        WebElement element = until(d -> scope.findElements(By.tagName("label")).stream()
                .filter(l -> l.getText().split("\n", 2)[0].trim().equals(label)).findFirst().orElse(null));
        String target = element.getAttribute("for");
        return target != null && !target.isEmpty() ? driver.findElement(By.id(target))
                : element.findElement(By.cssSelector("input, select, textarea"));
    }

    /** Clicks it in the middle of the window, where a person would: the sticky header never covers it. */
    void click(WebElement element) {
        script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    static By byTestId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /**
     * Waits until the condition holds (a non-null, non-false value) and returns it. An element that
     * React replaced while the condition read it is looked up again on the next try.
     */
    <T> T until(Function<WebDriver, T> condition) {
        return until(WAIT, condition);
    }

    <T> T until(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** Waits for visible text anywhere on the page. */
    void waitForText(String text) {
        until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * A PNG of the page into docs/screenshots/ when {@code -Dlectern.web.screenshots=true}; otherwise
     * nothing (a test run never changes the repository).
     */
    void screenshot(String name) {
        if (!Boolean.getBoolean("lectern.web.screenshots")) {
            return;
        }
        try {
            Path dir = Path.of("..", "docs", "screenshots");
            Files.createDirectories(dir);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
