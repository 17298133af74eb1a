package dev.progy.cli;

import dev.progy.server.ProgyServer;
import dev.progy.server.ServerConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Sign-up to {@code progy login} to {@code progy sync} as a new user does it: a real server on loopback, a real
 * headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) where the person signs up and approves
 * the code a real {@code progy login} shows, then the login's token syncs. Screenshots go to
 * {@code target/screenshots}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LoginInBrowserTest {

    private static final Pattern COMPLETE = Pattern.compile("\\(or open (http://\\S+/device/[A-Z]{4}-[A-Z]{4})\\)");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a person signs up in Chromium, approves the code progy login shows, and the terminal is signed in and syncs")
    void signUpLoginSync() throws Exception {
        try (ProgyServer server = ProgyServer.start(ServerConfig.load(Map.of("db", "sqlite:" + tmp.resolve("s.db"),
                "host", "127.0.0.1", "port", "0"), Map.of()))) {
            String url = "http://127.0.0.1:" + server.port();
            ChromeDriver chrome = chromium();
            try {
                chrome.get(url + "/sign-up");
                chrome.findElement(By.id("name")).sendKeys("ada");
                chrome.findElement(By.id("email")).sendKeys("ada@example.org");
                chrome.findElement(By.id("password")).sendKeys("correct horse battery");
                press(chrome, "Sign up");
                await(chrome, () -> chrome.getCurrentUrl().endsWith("/account"), "the account page");

                CliHarness cli = new CliHarness(tmp);
                cli.env.put("HOSTNAME", "ada-laptop");
                String out;
                int exit;
                try (RunningCli login = cli.start("login", url)) {
                    Matcher link = COMPLETE.matcher(login.awaitOutput("Waiting for your approval"));
                    assertThat(link.find()).as(login.toString()).isTrue();

                    chrome.get(link.group(1));
                    press(chrome, "Continue");
                    await(chrome, () -> heading(chrome).equals("Approve this sign-in?"), "the approval page");
                    assertThat(chrome.findElement(By.id("label")).getText()).startsWith("progy login on ada-laptop ");
                    screenshot(chrome, "progy-login-approve");
                    press(chrome, "Approve");
                    await(chrome, () -> heading(chrome).equals("Signed in"), "the approved page");

                    exit = login.awaitExit();
                    out = login.toString();
                }
                assertThat(exit).as(out).isZero();
                assertThat(out).contains("Signed in to " + url + " as ada");

                CliHarness ws = ShellCourse.failingWorkspace(tmp, "ws");
                ws.env.putAll(cli.env);
                CliHarness.Result sync = ws.run("sync", "-C", "ws", "--server", url);
                assertThat(sync.code()).as(sync.toString()).isZero();

                chrome.get(url + "/tokens");
                assertThat(chrome.findElement(By.id("tokens")).getText()).contains("progy login on ada-laptop");
                screenshot(chrome, "progy-login-tokens");
            } finally {
                chrome.quit();
            }
        }
    }

    /** A headless Chromium, or the test is skipped (failed on CI) when it is not installed. */
    static ChromeDriver chromium() {
        Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = onPath("chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            String why = "Chromium and chromedriver are needed for this test; install them with: "
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
        ChromeDriver chrome = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build(), options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    private static Optional<Path> onPath(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : names) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name));
                }
            }
        }
        return Optional.empty();
    }

    private static void press(ChromeDriver chrome, String button) {
        chrome.findElement(By.xpath("//button[normalize-space(.)='" + button + "']")).click();
    }

    private static String heading(ChromeDriver chrome) {
        return chrome.findElements(By.tagName("h1")).stream().findFirst().map(h -> h.getText()).orElse("");
    }

    /** A click starts loading the next page without waiting for it: wait until it shows {@code what}. */
    private static void await(ChromeDriver chrome, BooleanSupplier shown, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (;;) {
            try {
                if (shown.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the page changed under the check: look again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Chromium did not show " + what + "; it shows " + chrome.getCurrentUrl());
            }
            Thread.sleep(50);
        }
    }

    private static void screenshot(ChromeDriver chrome, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.copy(chrome.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
