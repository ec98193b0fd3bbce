package ferry.console;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ferry.support.Browser;
import ferry.support.FerryApp;
import ferry.support.FtpAccount;
import ferry.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console page in a real headless Chromium: a failed file shown literally, Retry, a big upload's progress. */
class ConsolePageTest {

    private static final long BIG = 500L * 1024 * 1024;

    @Test
    void should_show_a_failed_file_literally_retry_it_and_follow_a_500_mb_upload() throws Exception {
        try (FerryApp app = FerryApp.start(); Browser browser = new Browser()) {
            WebDriver page = browser.driver();
            FtpAccount.set(app, false, 0);
            // HTML, an event handler, quotes, non-ASCII and emoji: shown as text, nothing runs
            String name = "<img src=x onerror=\"document.title='pwned'\"> & 'é' 😀 " + TestFiles.uniqueName(".txt");
            byte[] content = TestFiles.randomBytes(5_000);
            app.drop(name, content);
            page.get("http://127.0.0.1:" + app.managementPort() + "/");

            WebElement row = await("a row for the failed file in the page's Failed table").atMost(Duration.ofSeconds(30))
                    .until(() -> failedRow(page, name), r -> r != null);
            assertEquals(name, row.findElement(By.cssSelector("td.name")).getText());
            assertTrue(row.getText().matches("(?s).*55\\d.*"), "the server's reply shown: " + row.getText());
            assertTrue(page.findElements(By.cssSelector("#failed img")).isEmpty(), "no element made from the name");
            assertEquals("Ferry console", page.getTitle(), "no script from the name ran");
            browser.screenshot("console-failed");

            FtpAccount.set(app, true, 0);
            row.findElement(By.cssSelector("button.retry")).click();
            byte[] delivered = await("the retried file on the FTP server's disk (incoming/ or, mailed, incoming/.done/)")
                    .atMost(Duration.ofSeconds(30)).until(() -> app.published(name), b -> b != null && b.length == content.length);
            assertArrayEquals(content, delivered);
            await("the file gone from the page's Failed table").atMost(Duration.ofSeconds(10))
                    .until(() -> failedRow(page, name) == null);
            assertTrue(page.findElement(By.id("actionResult")).getText().contains("put back"),
                    page.findElement(By.id("actionResult")).getText());

            // a 500 MB upload at the server's 100 MiB/s (at least 5 s): its bytes advance on the page while it runs
            FtpAccount.set(app, true, 100 * 1024 * 1024);
            String big = TestFiles.uniqueName("-500mb.bin");
            Path staged = app.data().resolve(".staged-" + big);
            try (RandomAccessFile file = new RandomAccessFile(staged.toFile(), "rw")) {
                file.setLength(BIG);
            }
            Files.move(staged, app.data("outbox").resolve(big));
            long first = await("the 500 MB upload in the page's In flight table with bytes done")
                    .atMost(Duration.ofSeconds(30)).until(() -> bytesDone(page, big), n -> n > 0);
            long later = await("the bytes done of the 500 MB upload advancing on the page")
                    .atMost(Duration.ofSeconds(30)).until(() -> bytesDone(page, big), n -> n > first);
            assertTrue(later <= BIG, later + " of " + BIG);
            await("the 500 MB upload's time left (m:ss) in the page's In flight table").atMost(Duration.ofSeconds(30))
                    .until(() -> timeLeft(page, big), t -> t != null && t.matches("\\d+:\\d\\d"));
            String shown = page.findElement(By.id("inFlight")).getText();
            assertTrue(shown.contains("of 500.0 MiB") && shown.contains("/s"), shown);
            browser.screenshot("console-progress");
            await("the 500 MB file whole on the FTP server's disk (incoming/ or, mailed, incoming/.done/)")
                    .atMost(Duration.ofSeconds(90)).until(() -> app.publishedSize(big) == BIG);
            // 500 MB less on the test machine's disk, wherever ftp-to-mail left it
            Files.deleteIfExists(app.ftpRoot().resolve("incoming").resolve(big));
            Files.deleteIfExists(app.ftpRoot().resolve("incoming/.done").resolve(big));
        }
    }

    @Test
    void should_discard_a_failed_file_find_its_journey_and_show_a_refused_route_file_and_a_waiting_file() throws Exception {
        try (FerryApp app = FerryApp.start(java.util.Map.of("ferry.reload.scan-interval", "300")); Browser browser = new Browser()) {
            WebDriver page = browser.driver();
            page.get("http://127.0.0.1:" + app.managementPort() + "/");
            // Discard, after the page's question
            FtpAccount.set(app, false, 0);
            String name = "discard <i>me & 'é' " + TestFiles.uniqueName(".txt");
            app.drop(name, TestFiles.randomBytes(100));
            WebElement row = await("a row for the failed file").atMost(Duration.ofSeconds(30))
                    .until(() -> failedRow(page, name), r -> r != null);
            row.findElement(By.cssSelector("button.discard")).click();
            page.switchTo().alert().accept();
            await("the file gone from the page's Failed table").atMost(Duration.ofSeconds(10))
                    .until(() -> failedRow(page, name) == null);
            assertEquals(name + " discarded", page.findElement(By.id("actionResult")).getText());
            assertTrue(!Files.exists(app.data("failed").resolve(name)), "the failed copy deleted");

            // its journey, found by name, ends with the discard
            page.findElement(By.id("journeyName")).sendKeys("discard <i>me*");
            page.findElement(By.cssSelector("#journeyForm button")).click();
            String journey = await("the file's journey on the page").atMost(Duration.ofSeconds(10))
                    .until(() -> page.findElement(By.id("journey")).getText(), t -> t.contains("discarded"));
            assertTrue(journey.contains("publish: " + name) && journey.contains("seen") && journey.contains("failed"), journey);

            // a broken save of a route file: its flow's row names the file, the line and the reason
            FtpAccount.set(app, true, 0);
            Path fetch = app.routes().resolve("fetch.camel.yaml");
            Files.writeString(fetch, Files.readString(fetch) + "        value: [never closed\n");
            String flows = await("fetch's row naming its refused route file").atMost(Duration.ofSeconds(20))
                    .until(() -> page.findElement(By.id("flows")).getText(), t -> t.contains("fetch.camel.yaml (line 12"));
            assertTrue(flows.contains("DOWN: route file refused, previous version running: " + fetch + " (line 12, column 1): "
                    + "while parsing a flow sequence"), flows);

            // the FTP server down: the file waits, and the page says since when, the last reply and the next attempt
            app.servers().ftp().stop();
            String waits = TestFiles.uniqueName("-waits.txt");
            app.drop(waits, TestFiles.randomBytes(100));
            List<String> cells = await("a row for the waiting file after two attempts").atMost(Duration.ofSeconds(30))
                    .until(() -> waitingRow(page, waits), c -> c != null && Integer.parseInt(c.get(4)) >= 2);
            assertEquals("publish", cells.get(0));
            assertFalse(cells.get(2).isBlank(), "since when: " + cells);
            assertTrue(cells.get(3).contains("server default: connect failed on 127.0.0.1:"), "the last reply: " + cells);
            assertFalse(cells.get(5).isBlank(), "the next attempt: " + cells);
            browser.screenshot("console-waiting");
        }
    }

    /** The cells of the waiting file's row as the page shows it now, or null. */
    @SuppressWarnings("unchecked")
    private static List<String> waitingRow(WebDriver page, String name) {
        return (List<String>) ((JavascriptExecutor) page).executeScript("for (const tr of document.querySelectorAll('#waiting tbody tr')) {"
                + " const c = tr.querySelector('td.name'); if (c && c.textContent === arguments[0])"
                + " return Array.from(tr.cells).map(td => td.textContent); } return null;", name);
    }

    /** The failed file's row as the page shows it now (read in one go: the page redraws as data changes). */
    private static WebElement failedRow(WebDriver page, String name) {
        Object id = ((JavascriptExecutor) page).executeScript("for (const tr of document.querySelectorAll('#failed tbody tr')) {"
                + " const c = tr.querySelector('td.name'); if (c && c.textContent === arguments[0]) return tr.dataset.id; }"
                + " return null;", name);
        // gone already when the page redrew in between
        return id == null ? null : page.findElements(By.cssSelector("#failed tr[data-id='" + id + "']")).stream()
                .findFirst().orElse(null);
    }

    private static String timeLeft(WebDriver page, String name) {
        Object left = ((JavascriptExecutor) page).executeScript("for (const tr of document.querySelectorAll('#inFlight tbody tr')) {"
                + " const c = tr.querySelector('td.name'); if (c && c.textContent === arguments[0])"
                + " return tr.cells[tr.cells.length - 1].textContent; } return null;", name);
        return left == null ? null : left.toString();
    }

    private static long bytesDone(WebDriver page, String name) {
        Object bytes = ((JavascriptExecutor) page).executeScript("for (const tr of document.querySelectorAll('#inFlight tbody tr')) {"
                + " const c = tr.querySelector('td.name'); if (c && c.textContent === arguments[0])"
                + " return tr.querySelector('td.done').dataset.bytes; } return null;", name);
        return bytes == null || bytes.toString().isEmpty() ? -1 : Long.parseLong(bytes.toString());
    }
}
