package io.proofline.scdftests;

import static io.proofline.scdftests.ScdfPipeline.BATCH_PROOF_TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.storage.tables.BatchId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Batch proofs under a real Spring Cloud Data Flow server (see {@link ScdfPipeline}): launched
 * through the REST API the dashboard uses and from the dashboard itself in headless Chromium,
 * watched in the server's job executions, and a failed one restarted through the server, which
 * re-runs only the failed partition. One server, core and pair of workers serve both tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScdfBatchProofTests {

    /** A task's JVM start, its job (a batch of four deposits, protocol version 1) and its end, on a loaded machine. */
    private static final Duration TASK_RUN = Duration.ofMinutes(4);
    /** The prover's application name in the batch proof's task definition. */
    private static final String PROVER_APP = "proofline-prover";
    private static final String PROVE_WORKER_STEP = "proveBaseCircuitsWorker:";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    static ScdfPipeline pipeline;

    @BeforeAll
    static void start() throws Exception {
        pipeline = ScdfPipeline.start(dir);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void aFailedPartitionRestartedThroughScdfRunsAloneAgainAndTheCoreVerifiesTheBatch() throws Exception {
        ScdfClient scdf = pipeline.scdf;
        // given a sealed batch, received by the prover, and a circuit prover that takes nothing for now
        pipeline.sealBatch(1);
        BatchId batch = pipeline.receiveNextBatch();
        pipeline.circuitProver.pause();

        // when the batch's proof is launched through the REST API
        String arguments = "chainId=" + batch.chainId() + " batchNumber=" + batch.batchNumber();
        long firstTask = scdf.launch(BATCH_PROOF_TASK, arguments);

        // and, once the witness generator has made the batch's circuit instances, one instance's
        // stored input is overwritten with garbage before the circuit prover goes on
        List<Instance> instances = awaitInstances(batch);
        assertTrue(instances.size() >= 2, "a batch of several instances: " + instances);
        Instance victim = instances.getLast();
        byte[] original = pipeline.store.get(victim.inputKey(), victim.inputSha256());
        pipeline.store.put(victim.inputKey(), "not a circuit instance".getBytes(StandardCharsets.UTF_8));
        pipeline.circuitProver.resume();

        // then the task ends with the failed job's exit code, and the server lists the job
        // execution with its steps: every partition proven but the damaged one
        JsonNode failedTask = awaitTaskEnd(firstTask);
        assertEquals(5, failedTask.path("exitCode").asInt(), "exit code of a failed job's task\n" + failedTask);
        long failedJob = onlyJobExecution(failedTask);
        JsonNode failedListed = listedJobExecution(failedJob);
        assertEquals("batchProof", failedListed.path("name").asString());
        assertEquals(firstTask, failedListed.path("taskExecutionId").asLong(), "the job execution's task");
        assertEquals("FAILED", failedListed.path("jobExecution").path("status").asString(), failedListed.toString());
        Map<String, String> firstSteps = steps(failedJob);
        String victimStep = PROVE_WORKER_STEP + victim.type() + "-" + victim.index();
        assertEquals("FAILED", firstSteps.get(victimStep), "the damaged partition's step: " + firstSteps);
        Set<String> provenPartitions = partitions(firstSteps, "COMPLETED");
        assertEquals(instances.size() - 1, provenPartitions.size(), "the other partitions proven: " + firstSteps);
        assertEquals("COMPLETED", firstSteps.get("loadWitnessInputs"), firstSteps.toString());
        assertEquals("COMPLETED", firstSteps.get("basicWitnessGeneration"), firstSteps.toString());

        // when the input is repaired and the failed execution is restarted through SCDF (the dashboard's Restart)
        pipeline.store.put(victim.inputKey(), original);
        scdf.restart(failedJob);

        // then SCDF launches the task again with its arguments, and it completes
        long secondTask = awaitNewerTask(firstTask);
        JsonNode restartedTask = awaitTaskEnd(secondTask);
        assertEquals(0, restartedTask.path("exitCode").asInt(), "exit code of the restarted task\n" + restartedTask);
        List<String> args = new ArrayList<>();
        restartedTask.path("arguments").forEach(a -> args.add(a.asString()));
        assertTrue(args.containsAll(List.of(arguments.split(" "))), "the restart's arguments: " + args);
        long restartedJob = onlyJobExecution(restartedTask);
        assertNotEquals(failedJob, restartedJob);
        JsonNode restartedListed = listedJobExecution(restartedJob);
        assertEquals("COMPLETED", restartedListed.path("jobExecution").path("status").asString(), restartedListed.toString());
        assertEquals(failedListed.path("jobExecution").path("jobInstance").path("id").asLong(),
                restartedListed.path("jobExecution").path("jobInstance").path("id").asLong(), "the same job instance");

        // and only the failed partition ran again: the proven ones, and the steps that completed, did not
        Map<String, String> secondSteps = steps(restartedJob);
        assertEquals(Set.of(victimStep), partitions(secondSteps, null).stream().map(p -> PROVE_WORKER_STEP + p)
                .collect(Collectors.toSet()), "partitions of the restarted execution: " + secondSteps);
        assertEquals("COMPLETED", secondSteps.get(victimStep), secondSteps.toString());
        assertTrue(!secondSteps.containsKey("loadWitnessInputs") && !secondSteps.containsKey("basicWitnessGeneration"),
                "completed steps are not run again: " + secondSteps);
        for (Instance i : instances(batch)) {
            assertEquals("successful", i.status(), i + "\n" + pipeline.diagnostics());
            assertEquals(i.sameInstance(victim) ? 2 : 1, i.attempts(), "attempts of " + i);
        }

        // and the core verified the batch's proof
        assertEquals("proven", pipeline.coreStatus((int) batch.batchNumber()), pipeline.diagnostics());
    }

    @Test
    @Order(2)
    void theDashboardLaunchesABatchProofAndShowsItsJobExecution() throws Exception {
        Chromium.requireInstalled(dir);
        Files.createDirectories(SCREENSHOTS);
        pipeline.sealBatch(2);
        BatchId batch = pipeline.receiveNextBatch();
        List<String> arguments = List.of("chainId=" + batch.chainId(), "batchNumber=" + batch.batchNumber());
        ChromeDriver browser = Chromium.start(Files.createDirectories(dir.resolve("chromium")));
        String step = "opening the dashboard";
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            // Tasks lists the imported definitions; the batch proof's row leads to its page
            browser.get(pipeline.scdf.url + "/dashboard/#/tasks-jobs/tasks");
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText(BATCH_PROOF_TASK)));
            screenshot(browser, "1-tasks.png");
            step = "opening the task's launch page";
            browser.findElement(By.linkText(BATCH_PROOF_TASK)).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Launch task']"))).click();

            // Launch, Freetext: one argument a line, in the dashboard's form app.<app>.<index>=<argument>
            // (the builder's rows write the same), which the server hands to the app as <argument>
            step = "typing the arguments into the launch page's Freetext tab";
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Freetext']"))).click();
            WebElement argumentsText = wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("textarea[formcontrolname='ainput']")));
            for (int i = 0; i < arguments.size(); i++) {
                argumentsText.sendKeys((i == 0 ? "" : "\n") + "app." + PROVER_APP + "." + i + "=" + arguments.get(i));
            }
            screenshot(browser, "2-launch-task.png");
            step = "launching";
            WebElement launch = browser.findElement(By.id("btn-deploy"));
            browser.executeScript("arguments[0].scrollIntoView()", launch);
            launch.click();

            // the dashboard shows the new task execution (its id comes from the launch's answer)
            wait.until(ExpectedConditions.urlMatches("task-executions/\\d+$"));
            long task = Long.parseLong(browser.getCurrentUrl().replaceAll(".*task-executions/", ""));
            step = "waiting for task execution " + task;
            JsonNode ended = awaitTaskEnd(task);
            List<String> args = new ArrayList<>();
            ended.path("arguments").forEach(a -> args.add(a.asString()));
            assertEquals(BATCH_PROOF_TASK, ended.path("taskName").asString(), ended.toString());
            assertTrue(args.containsAll(arguments), "the arguments given in the dashboard: " + args);
            assertEquals(0, ended.path("exitCode").asInt(), ended + "\n" + pipeline.diagnostics());
            long job = onlyJobExecution(ended);
            browser.navigate().refresh();
            // the page lists each argument as "key: value"
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "batchNumber: " + batch.batchNumber()));
            screenshot(browser, "3-task-execution.png");
            String taskPage = browser.findElement(By.tagName("body")).getText();
            assertTrue(taskPage.contains("chainId: " + batch.chainId()) && taskPage.contains("Exit Code\n0\n"),
                    "the task execution's page:\n" + taskPage);

            // Jobs executions lists it; its page shows the execution, COMPLETED, and its steps
            step = "opening job execution " + job;
            browser.get(pipeline.scdf.url + "/dashboard/#/tasks-jobs/job-executions");
            WebElement link = wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//a[normalize-space()='" + job + "']")));
            screenshot(browser, "4-job-executions.png");
            link.click();
            wait.until(ExpectedConditions.urlContains("job-executions/" + job));
            By body = By.tagName("body");
            for (String shown : List.of("batchProof", "COMPLETED", "loadWitnessInputs", "basicWitnessGeneration",
                    PROVE_WORKER_STEP, "batchNumber")) {
                wait.until(ExpectedConditions.textToBePresentInElementLocated(body, shown));
            }
            screenshot(browser, "5-job-execution.png");
            String page = browser.findElement(body).getText();
            assertTrue(!page.contains("FAILED"), "a completed execution's page shows no failed step:\n" + page);
            assertEquals("proven", pipeline.coreStatus((int) batch.batchNumber()), pipeline.diagnostics());
        } catch (RuntimeException | AssertionError e) {
            try {
                screenshot(browser, "failed.png");
            } catch (RuntimeException | IOException s) {
                e.addSuppressed(s);
            }
            throw new AssertionError("while " + step + " (page " + browser.getCurrentUrl() + ", its source in "
                    + SCREENSHOTS.resolve("failed.html") + "): " + e.getMessage(), e);
        } finally {
            browser.quit();
        }
    }

    // the server's view, through its REST API

    private JsonNode awaitTaskEnd(long task) throws Exception {
        JsonNode[] last = new JsonNode[1];
        await("the end of task execution " + task, TASK_RUN, () -> {
            last[0] = pipeline.scdf.taskExecution(task);
            return !last[0].path("endTime").isNull() && !last[0].path("endTime").isMissingNode();
        });
        return last[0];
    }

    private Optional<Long> newestTask() throws Exception {
        return pipeline.scdf.taskExecutions(BATCH_PROOF_TASK).stream().map(t -> t.path("executionId").asLong())
                .max(Long::compare);
    }

    /** The id of a proofline-batch-proof execution launched after {@code task}. */
    private long awaitNewerTask(long task) throws Exception {
        await("a " + BATCH_PROOF_TASK + " execution after " + task, Duration.ofMinutes(1),
                () -> newestTask().orElse(0L) > task);
        return newestTask().orElseThrow();
    }

    private static long onlyJobExecution(JsonNode task) {
        List<Long> ids = new ArrayList<>();
        task.path("jobExecutionIds").forEach(id -> ids.add(id.asLong()));
        assertEquals(1, ids.size(), "job executions of task execution " + task);
        return ids.getFirst();
    }

    /** The job execution as {@code GET /jobs/executions} lists it. */
    private JsonNode listedJobExecution(long id) throws Exception {
        List<JsonNode> all = pipeline.scdf.jobExecutions();
        return all.stream().filter(j -> j.path("executionId").asLong() == id).findFirst()
                .orElseThrow(() -> new AssertionError("job execution " + id + " not in /jobs/executions: " + all));
    }

    /** Step name to status. */
    private Map<String, String> steps(long jobExecution) throws Exception {
        Map<String, String> steps = new LinkedHashMap<>();
        for (JsonNode s : pipeline.scdf.steps(jobExecution)) {
            steps.put(s.path("stepName").asString(), s.path("status").asString());
        }
        return steps;
    }

    /** The proving partitions among {@code steps} (with {@code status}, or all when null), by partition name. */
    private static Set<String> partitions(Map<String, String> steps, String status) {
        return steps.entrySet().stream()
                .filter(e -> e.getKey().startsWith(PROVE_WORKER_STEP) && (status == null || status.equals(e.getValue())))
                .map(e -> e.getKey().substring(PROVE_WORKER_STEP.length())).collect(Collectors.toCollection(TreeSet::new));
    }

    // the prover's tables

    record Instance(String type, int index, String status, int attempts, String inputKey, String inputSha256) {
        boolean sameInstance(Instance other) {
            return type.equals(other.type) && index == other.index;
        }
    }

    private static List<Instance> instances(BatchId batch) {
        return pipeline.prover.sql("""
                SELECT circuit_type, instance_index, status, attempts, input_key, input_sha256 FROM prover_circuit_instances
                WHERE chain_id = ? AND batch_number = ? ORDER BY circuit_type, instance_index""")
                .params(batch.chainId(), batch.batchNumber())
                .query((rs, n) -> new Instance(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6))).list();
    }

    /** The batch's instances once basic witness generation made them and the batch went on to proving. */
    private static List<Instance> awaitInstances(BatchId batch) throws Exception {
        await("the circuit instances of " + batch, TASK_RUN, () -> pipeline.prover.sql(
                "SELECT status FROM prover_batches WHERE chain_id = ? AND batch_number = ?")
                .params(batch.chainId(), batch.batchNumber()).query(String.class).optional()
                .filter("proving"::equals).isPresent() && !instances(batch).isEmpty());
        return instances(batch);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            pipeline.witnessGenerator.requireAlive("waiting for " + what);
            pipeline.circuitProver.requireAlive("waiting for " + what);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n" + pipeline.diagnostics());
            }
            Thread.sleep(250);
        }
    }

    /** The page as the browser shows it, and its DOM beside it ({@code .html}) to see what was rendered. */
    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
        Files.writeString(SCREENSHOTS.resolve(name.replace(".png", ".html")), browser.getPageSource());
    }
}
