package io.strata.ingestion.upload;

import io.strata.ingestion.IngestionSettings;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The bounded worker threads that read upload streams (blocking reads from the request body, blocking waits on
 * the object store), so no event-loop thread ever waits for a client or for S3.
 */
@Component
public class UploadScheduler implements DisposableBean {

    private final Scheduler scheduler;

    UploadScheduler(IngestionSettings settings) {
        this.scheduler = Schedulers.newBoundedElastic(
                settings.uploadThreads() * 2, settings.uploadThreads() * 16, "strata-upload");
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
