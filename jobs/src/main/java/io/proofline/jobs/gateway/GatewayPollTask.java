package io.proofline.jobs.gateway;

import io.proofline.jobs.batchproof.BatchLauncher;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * The gateway as a task ({@code proofline.gateway.poll-once=true}, profile
 * {@code gateway-poll-task}), for clusters that schedule polling instead of running an
 * orchestrator: asks the core once, launches the batch it got, if any, and ends; with the
 * in-process launcher, once that batch's job has ended.
 */
final class GatewayPollTask implements ApplicationRunner {

    private final GatewayPoller poller;
    private final BatchLauncher launcher;

    GatewayPollTask(GatewayPoller poller, BatchLauncher launcher) {
        this.poller = poller;
        this.launcher = launcher;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        poller.poll();
        launcher.drain();
    }
}
