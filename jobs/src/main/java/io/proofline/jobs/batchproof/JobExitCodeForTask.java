package io.proofline.jobs.batchproof;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeEvent;
import org.springframework.boot.batch.autoconfigure.JobExecutionExitCodeGenerator;
import org.springframework.boot.batch.autoconfigure.JobLauncherApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;

/**
 * Hands the task mode's exit code to Spring Cloud Task in time. Task records a task's end, and
 * its exit code, when the application is ready, after the runners and before
 * {@code SpringApplication.exit} would tell it the exit code of a failed job: without this
 * runner a failed batch shows in Spring Cloud Data Flow as a task that ended with 0. Runs right
 * after Boot's job runner and publishes Boot's own exit code for the job
 * ({@link JobExecutionExitCodeGenerator}) when it is not 0.
 */
final class JobExitCodeForTask implements ApplicationRunner, Ordered {

    private final JobExecutionExitCodeGenerator jobExitCode;
    private final ApplicationEventPublisher events;
    private final Object source;

    JobExitCodeForTask(JobExecutionExitCodeGenerator jobExitCode, ApplicationEventPublisher events, Object source) {
        this.jobExitCode = jobExitCode;
        this.events = events;
        this.source = source;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = jobExitCode.getExitCode();
        if (code != 0) {
            events.publishEvent(new ExitCodeEvent(source, code));
        }
    }

    @Override
    public int getOrder() {
        return JobLauncherApplicationRunner.DEFAULT_ORDER + 1;
    }
}
