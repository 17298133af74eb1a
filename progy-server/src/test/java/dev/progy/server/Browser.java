package dev.progy.server;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium, on one
 * server. Without Chromium the browser tests fail when {@code CI=true} or {@code PROGY_REQUIRE_TOOLS} is set (as
 * {@code .ci/run} does), and are skipped with the reason elsewhere.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A fresh browser (no cookies) on the server at {@code base}. */
    static Browser open(String base) {
        Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
        Optional<Path> chromedriver = onPath("chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String why = "Chromium and chromedriver are needed for the web page tests; install them with: "
                    + "apt-get install chromium chromium-driver";
            if ("true".equals(System.getenv("CI")) || System.getenv("PROGY_REQUIRE_TOOLS") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, base);
    }

    private static Optional<Path> onPath(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : names) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    String text(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    boolean has(String cssSelector) {
        return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
    }

    boolean hasId(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Types {@code value} into the field labelled by the label whose {@code for} is {@code id}. */
    Browser type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Clicks the element; when it is a button (which sends its form), waits for the next page. */
    Browser click(String cssSelector) {
        WebElement e = driver.findElement(By.cssSelector(cssSelector));
        if (e.getTagName().equals("button")) {
            navigating(e::click);
        } else {
            e.click();
        }
        return this;
    }

    /** Clicks the button whose text is {@code text}, and waits for the page its form leads to. */
    Browser press(String text) {
        WebElement button = driver.findElement(By.xpath("//button[normalize-space(.)='" + text + "']"));
        navigating(button::click);
        return this;
    }

    /** Does {@code action}, then waits until the browser has left this page and loaded the next. */
    void navigating(Runnable action) {
        WebElement page = driver.findElement(By.tagName("html"));
        action.run();
        // the old page is gone once its root element is stale; Chromium may instead say its node "does not belong to
        // the document" while the next page replaces it, which means the same
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState;")));
    }

    Browser select(String id, String value) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByValue(value);
        return this;
    }

    /** Presses Tab; returns the element that has the focus then. */
    WebElement tab() {
        driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        return driver.switchTo().activeElement();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    Optional<Cookie> cookie(String name) {
        return Optional.ofNullable(driver.manage().getCookieNamed(name));
    }

    void addCookie(Cookie cookie) {
        driver.manage().addCookie(cookie);
    }

    /** Asks for the dark colour scheme, as a system set to dark mode does. */
    void dark() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
    }

    String background() {
        return (String) script("return getComputedStyle(document.body).backgroundColor;");
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Writes a screenshot of the page to {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks what a person using a screen reader or a keyboard needs of this page: one {@code h1}, a language, every
     * visible field with a label, every button with a name, and the page usable at a phone's width (nothing wider
     * than the screen).
     */
    void assertAccessible() {
        assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) script("""
                return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                  .filter(f => !(f.id && document.querySelector('label[for="' + CSS.escape(f.id) + '"]'))
                               && !f.closest('label') && !f.getAttribute('aria-label'))
                  .map(f => f.name || f.outerHTML);""");
        assertThat(unlabelled).as("fields without a label").isEmpty();
        @SuppressWarnings("unchecked")
        List<String> nameless = (List<String>) script("""
                return [...document.querySelectorAll('button, a')]
                  .filter(b => !(b.textContent.trim() || b.getAttribute('aria-label')))
                  .map(b => b.outerHTML);""");
        assertThat(nameless).as("buttons and links without a name").isEmpty();
    }

    /** Whether the page fits a phone's width without sideways scrolling of the page itself. */
    boolean fitsWidth() {
        return (Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
