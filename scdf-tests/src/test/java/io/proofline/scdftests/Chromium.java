package io.proofline.scdftests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium and its driver from Debian's packages ({@code chromium},
 * {@code chromium-driver}), installed with apt-get when missing and this runs as root; otherwise
 * the browser test is skipped, saying why. Selenium is given both paths, so it looks for nothing
 * on the network (which is closed here).
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> PACKAGES = List.of("chromium", "chromium-driver");

    private Chromium() {
    }

    /** Installs the packages where missing, or aborts the calling test with the reason it cannot. */
    static void requireInstalled(Path logDir) throws IOException, InterruptedException {
        if (installed()) {
            return;
        }
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")),
                "skipped: " + BROWSER + " and " + DRIVER + " are missing and there is no apt-get to install Debian's "
                        + PACKAGES + "; install Chromium and ChromeDriver there");
        Assumptions.assumeTrue(isRoot(), "skipped: " + BROWSER + " and " + DRIVER + " are missing, and installing Debian's "
                + PACKAGES + " needs root: run apt-get install " + String.join(" ", PACKAGES) + " as root");
        Path log = logDir.resolve("apt-get.log");
        if (!aptGet(log, "install") && !(aptGet(log, "update") && aptGet(log, "install"))) {
            Assumptions.abort("skipped: apt-get could not install " + PACKAGES + " (no package registry reachable?); see " + log);
        }
        Assumptions.assumeTrue(installed(), "skipped: apt-get installed " + PACKAGES + " but " + BROWSER + " or " + DRIVER
                + " is still missing; see " + log);
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return id.waitFor() == 0 && uid.equals("0");
    }

    private static boolean aptGet(Path log, String command) throws IOException, InterruptedException {
        List<String> args = command.equals("update") ? List.of("apt-get", "update", "-q")
                : List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", PACKAGES.get(0), PACKAGES.get(1));
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    /** A headless browser with a fresh profile in {@code userDataDir}, talking to nothing but localhost. */
    static ChromeDriver start(Path userDataDir) {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + userDataDir, "--window-size=1400,1000");
        return new ChromeDriver(service, options);
    }
}
