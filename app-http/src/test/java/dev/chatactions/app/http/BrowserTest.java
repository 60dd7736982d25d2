package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatactions.adapter.claude.ClaudeCliAssistant;
import dev.chatactions.adapter.claude.ClaudeSettings;
import dev.chatactions.adapter.claude.FileSystemPathResolver;
import dev.chatactions.adapter.claude.testing.InstalledClaude;
import dev.chatactions.adapter.claude.testing.MessagesApiStandIn;
import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium: buttons show, a click becomes the result, and HTML in a
 * marker stays text; a message streams its reply from the demo model, and once through the real
 * claude CLI against a Messages API stand-in. Skipped when the browser is not installed, unless
 * CHAT_ACTIONS_REQUIRE_BROWSER=1 (the real CLI's test likewise with CHAT_ACTIONS_REQUIRE_CLAUDE=1).
 */
class BrowserTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String CONVERSATION = "0bad0c0ffee0";
    private static final String XSS_TITLE = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";

    private TestServer server;
    private ChromeDriverService driverService;
    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void start() throws Exception {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if ("1".equals(System.getenv("CHAT_ACTIONS_REQUIRE_BROWSER"))) {
            assertThat(installed).as("Chromium and ChromeDriver at /usr/bin (CHAT_ACTIONS_REQUIRE_BROWSER=1)").isTrue();
        }
        assumeTrue(installed, "Chromium or ChromeDriver is not installed");
        server = TestServer.forBrowser();
        Instant ts = Instant.parse("2026-11-23T19:00:00Z");
        server.history.append(new ChatLine(ts, "alice", CONVERSATION, "user", "Please file it <script>document.title='pwned'</script>"));
        server.history.append(new ChatLine(ts, "alice", CONVERSATION, "assistant",
                "Filing: <action type=\"issue-create\">{\"title\":\"Flaky test\"}</action>\n"
                        + "Probe: <action type=\"issue-create\">{\"title\":" + Responses.MAPPER.writeValueAsString(XSS_TITLE) + "}</action>\n"
                        + "No: <action type=\"repo-delete\">{}</action>"));
        profile = Files.createTempDirectory("chat-actions-chromium");
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            deleteTree(profile);
        }
    }

    @Test
    void a_signed_in_person_sees_the_buttons_clicks_one_and_sees_the_result_while_html_stays_text() {
        String link = "/chat/login?token=" + server.wiring.loginLinks.issue("alice");
        browser.get(server.uri(link).toString());
        browser.get(server.uri("/chat/c/" + CONVERSATION).toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

        WebElement first = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".action button.run")));
        assertThat(first.getText()).contains("issue-create").contains("Flaky test").contains("factory/app");
        assertThat(browser.findElements(By.cssSelector(".action.denied button[disabled]"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector(".action.denied .reasons")).getText()).contains("not an additive action");
        assertThat(browser.findElements(By.cssSelector(".action button.run")).get(1).getText()).contains(XSS_TITLE);
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(browser.getTitle()).doesNotContain("pwned");

        first.click();

        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".action.result.done a")));
        assertThat(result.getText()).isEqualTo("Issue #1");
        assertThat(result.getAttribute("href")).isEqualTo("http://forge.test/factory/app/issue/1");
        assertThat(server.upstream.calls()).hasSize(1);
        assertThat(browser.getTitle()).doesNotContain("pwned");
    }

    @Test
    void a_message_to_the_demo_model_streams_in_parts_its_buttons_appear_disabled_then_work_after_the_reply() {
        WebElement done = sendAndWatchTheReplyStream("Show me around, please");

        assertThat(done.findElements(By.cssSelector(".text.markdown ol li .action button.run"))).as("markers stay in their list items").hasSize(3);
        assertThat(done.findElements(By.cssSelector(".action.denied button[disabled]"))).hasSize(1);
        assertThat(done.findElements(By.cssSelector(".action.invalid"))).hasSize(1);
        assertThat(done.findElement(By.cssSelector(".text.markdown p > code")).getText()).contains("<action type=\"ci-run\">");
        clickTheFirstButtonAndSeeTheIssue(done);
    }

    @Test
    void a_message_through_the_real_claude_cli_streams_its_button_appears_disabled_then_works() throws Exception {
        Path cli = InstalledClaude.path();
        List<String> pieces = new ArrayList<>(List.of("I can file that. ", "<action type=\"issue-create\">",
                "{\"title\":\"Flaky test\"}", "</action>", " Click it when you are sure."));
        for (int i = 0; i < 80; i++) {
            pieces.add(" More words while the reply goes on.");
        }
        Path home = Files.createTempDirectory("chat-actions-claude-home");
        try (MessagesApiStandIn api = new MessagesApiStandIn()) {
            api.answer(new MessagesApiStandIn.Reply(pieces));
            Map<String, String> env = Map.of("HOME", home.toString(), "PATH", "/usr/local/bin:/usr/bin:/bin",
                    "ANTHROPIC_API_KEY", "sk-ant-browser-test-key", "ANTHROPIC_BASE_URL", api.baseUrl().toString(),
                    ClaudeSettings.CLAUDE_BIN, cli.toString());
            server.close();
            server = TestServer.forBrowser(TestServer.model(
                    new ClaudeCliAssistant(ClaudeSettings.fromEnvironment(env, new FileSystemPathResolver())), ConverseLimits.defaults()));

            WebElement done = sendAndWatchTheReplyStream("please file the flaky test");

            assertThat(done.findElement(By.cssSelector(".text.markdown")).getText()).contains("More words while the reply goes on.");
            clickTheFirstButtonAndSeeTheIssue(done);
            assertThat(api.messageRequests()).isNotEmpty().anySatisfy(request -> assertThat(request.body()).contains("please file the flaky test"));
        } finally {
            deleteTree(home);
        }
    }

    /**
     * Signs in, starts a conversation, sends {@code message} and watches the reply: the text arrives
     * in parts, a button shows disabled before the reply ends; returns the finished reply.
     */
    private WebElement sendAndWatchTheReplyStream(String message) {
        browser.get(server.uri("/chat/login?token=" + server.wiring.loginLinks.issue("alice")).toString());
        browser.get(server.uri("/chat/").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.new-conversation"))).click();
        wait.until(ExpectedConditions.urlMatches("/chat/c/[0-9a-f]{12}$"));

        browser.findElement(By.id("message")).sendKeys(message);
        browser.findElement(By.cssSelector("form.message button[type=submit]")).click();

        // The bubble is redrawn on every piece: read its state in one script, not through stale elements.
        JavascriptExecutor page = (JavascriptExecutor) browser;
        String state = "var a = document.querySelector('.turn.assistant.streaming'); if (!a) return null;"
                + " var b = a.querySelector('.action button.run'); var t = a.querySelector('.text').textContent;"
                + " return {length: t.length, raw: t.indexOf('<action') >= 0, button: !!b, disabled: !!b && b.disabled};";
        wait.pollingEvery(Duration.ofMillis(20));
        Map<?, ?> withButton = wait.until(d -> page.executeScript(state) instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("button")) ? m : null);
        assertThat(withButton.get("disabled")).as("a button of a reply still streaming is disabled").isEqualTo(true);
        int shown = ((Number) withButton.get("length")).intValue();
        // The text arrives in parts: while the reply still streams, more of it arrives after the button.
        Map<?, ?> later = wait.until(d -> page.executeScript(state) instanceof Map<?, ?> m && ((Number) m.get("length")).intValue() > shown ? m : null);
        assertThat(later.get("disabled")).as("the button stays disabled while the reply streams").isEqualTo(true);
        assertThat(withButton.get("raw")).as("marker source is never shown").isEqualTo(false);
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".turn.assistant.completed")));
    }

    private void clickTheFirstButtonAndSeeTheIssue(WebElement done) {
        WebElement button = done.findElement(By.cssSelector(".action button.run"));
        assertThat(button.isEnabled()).isTrue();

        button.click();

        WebElement result = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".action.result.done a")));
        assertThat(result.getText()).isEqualTo("Issue #1");
        assertThat(server.upstream.calls()).hasSize(1);
        assertThat(browser.findElement(By.id("message")).getAttribute("value")).isEmpty();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
