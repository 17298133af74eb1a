package dev.progy.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code progy ui} in a real headless Chromium, as a student uses it with the Python sample course: the map, an
 * exercise, Run with its output streamed and the failing tests, the fix saved from an editor and the pass seen, a
 * hint, a quiz. Screenshots go to {@code target/ui-screenshots}.
 */
class UiBrowserTest {
    private static final Path SHOTS = Path.of("target", "ui-screenshots");
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a student opens the map, runs an exercise, sees it fail, fixes it on disk, sees it pass, takes a hint and a quiz")
    void aStudentsSession() throws IOException {
        CliHarness harness = new CliHarness(tmp);
        CliHarness.Result init = harness.run("init", CliHarness.example("python-original").toString(), "ws");
        assertThat(init.code()).as(init.toString()).isZero();
        Path ws = tmp.resolve("ws");
        Files.createDirectories(SHOTS);
        ChromeDriver chrome = LoginInBrowserTest.chromium();
        // a click that submits a form returns before the next page is there: finding waits for it
        chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        try (UiSession ui = new UiSession(harness, "-C", "ws")) {
            chrome.get(ui.address);
            // the map: status, lock and why, the next exercise marked
            assertThat(chrome.getCurrentUrl()).doesNotContain("token=");
            assertThat(chrome.findElement(By.tagName("h1")).getText()).contains("Python in the Original Format");
            WebElement next = chrome.findElement(By.cssSelector("li.ex.next"));
            assertThat(next.getText()).contains("Hello, Python").contains("next");
            assertThat(chrome.findElement(By.cssSelector("li.ex.locked")).getText())
                    .contains("locked: pass 01_basics/01_hello first");
            shot(chrome, "map");

            // the exercise: instructions rendered, code coloured on the server
            chrome.findElement(By.id("next-link")).click();
            assertThat(chrome.findElement(By.cssSelector(".instructions h1")).getText()).isEqualTo("Hello, Python");
            assertThat(chrome.findElements(By.cssSelector(".instructions pre code .hl-s"))).isNotEmpty();
            assertThat(chrome.findElement(By.cssSelector(".files code")).getText())
                    .isEqualTo("content/01_basics/01_hello/exercise.py");
            awaitStream(chrome);

            // Run: output streamed into the page, then the result, without a reload
            chrome.executeScript("window.progyStayed = true;");
            chrome.findElement(By.id("run")).click();
            chrome.findElement(By.cssSelector("#result-body.fail"));
            assertThat(chrome.executeScript("return window.progyStayed === true;")).isEqualTo(true);
            assertThat(chrome.executeScript("return document.getElementById('live').textContent;").toString())
                    .contains("FAIL greets the world");
            List<WebElement> failing = chrome.findElements(By.cssSelector("#result-body li.test.fail"));
            assertThat(failing).hasSize(3);
            assertThat(failing.get(0).getText()).contains("greets the world")
                    .contains("should be 'Hello, world!' but was ''");
            shot(chrome, "exercise-failed");

            // a hint, one at a time
            chrome.findElement(By.id("hint")).click();
            assertThat(chrome.findElement(By.cssSelector("ol.hints li.hint")).getText()).containsOnlyOnce("Hint 1 of 2")
                    .contains("f-string");
            assertThat(chrome.findElements(By.cssSelector("ol.hints li.hint"))).hasSize(1);

            // watch on, then the fix saved from an editor: the page shows the pass by itself
            chrome.findElement(By.id("watch")).click();
            assertThat(chrome.findElement(By.cssSelector("#watch[aria-pressed='true']")).getText()).contains("Watching");
            awaitStream(chrome);
            Files.copy(CliHarness.example("python-original").resolve("content/01_basics/01_hello/solution.py"),
                    ws.resolve("content/01_basics/01_hello/exercise.py"), StandardCopyOption.REPLACE_EXISTING);
            await(() -> chrome.executeScript("return document.querySelector('#result-body.pass') !== null;")
                    .equals(true), "the pass after the save");
            assertThat(chrome.findElement(By.cssSelector("#result-body .verdict")).getText()).contains("Passed");
            assertThat(chrome.findElements(By.cssSelector("#result-body li.test.pass"))).hasSize(3);
            shot(chrome, "exercise-passed");
            chrome.findElement(By.id("watch")).click();

            // the map now: passed, the next exercise unlocked; the CLI sees the same progress
            chrome.findElement(By.cssSelector("a.brand")).click();
            assertThat(chrome.findElement(By.cssSelector("li.ex.passed")).getText()).contains("Hello, Python");
            assertThat(chrome.findElement(By.cssSelector("li.ex.next")).getText()).contains("Conditions").contains("quiz");
            assertThat(harness.run("progress", "-C", "ws", "--json").out()).contains("\"exercisesPassed\" : 1");

            // the quiz, graded in progy's process
            chrome.findElement(By.cssSelector("li.ex.next a")).click();
            chrome.findElement(By.id("quiz-link")).click();
            assertThat(chrome.findElement(By.cssSelector("#q-modulo legend code")).getText()).isEqualTo("2024 % 100");
            chrome.findElement(By.cssSelector("input[name='q.first-match'][value='a']")).click();
            chrome.findElement(By.cssSelector("input[name='q.modulo']")).sendKeys("20");
            chrome.findElement(By.cssSelector("input[name='q.and-or'][value='true']")).click();
            chrome.findElement(By.cssSelector("input[name='q.equality']")).sendKeys("=");
            chrome.findElement(By.id("grade")).click();
            assertThat(chrome.findElement(By.id("quiz-verdict")).getText()).contains("Not passed").contains("2 of 4 right");
            assertThat(chrome.findElement(By.cssSelector("#q-equality .feedback")).getText()).contains("Right answer: ==");
            WebElement modulo = chrome.findElement(By.cssSelector("input[name='q.modulo']"));
            modulo.clear();
            modulo.sendKeys("24");
            WebElement equality = chrome.findElement(By.cssSelector("input[name='q.equality']"));
            equality.clear();
            equality.sendKeys("==");
            chrome.findElement(By.id("grade")).click();
            assertThat(chrome.findElement(By.cssSelector("#quiz-verdict.pass")).getText()).contains("Passed")
                    .contains("4 of 4 right");
            shot(chrome, "quiz");
            chrome.findElement(By.linkText("Progress")).click();
            assertThat(chrome.findElement(By.tagName("main")).getText()).contains("01_basics/02_conditions: best 100 %");

            // a narrow window: nothing wider than the screen
            chrome.manage().window().setSize(new Dimension(380, 800));
            chrome.get("http://127.0.0.1:" + ui.port + "/exercise?id=01_basics/01_hello");
            assertThat(chrome.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .isEqualTo(true);
            shot(chrome, "exercise-narrow");
        } catch (RuntimeException | AssertionError e) {
            shot(chrome, "failure");
            throw new AssertionError("on " + chrome.getCurrentUrl() + ":\n" + chrome.getPageSource(), e);
        } finally {
            chrome.quit();
        }
    }

    @Test
    @DisplayName("without JavaScript the map and the exercise read the same, and Run is a plain form that shows the result")
    void worksWithoutScript() {
        CliHarness harness = new CliHarness(tmp);
        assertThat(harness.run("init", CliHarness.example("python-original").toString(), "ws").code()).isZero();
        try (UiSession ui = new UiSession(harness, "-C", "ws")) {
            ui.signIn();
            assertThat(ui.get("/").body()).contains("Hello, Python").contains("locked: pass 01_basics/01_hello first");
            UiSession.Response run = ui.post("/run?id=01_basics/01_hello", "", java.util.Map.of());
            assertThat(run.status()).isEqualTo(303);
            String page = ui.get(run.header("location").replace("#result", "")).body();
            assertThat(page).contains("Failed").contains("0 of 3 tests passed").contains("greets the world");
        }
    }

    /** Waits until the page's event stream is open: a run it should hear must not start before. */
    private static void awaitStream(ChromeDriver chrome) {
        chrome.findElement(By.cssSelector("body[data-live='open']"));
    }

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static void shot(ChromeDriver chrome, String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
    }
}
