package io.strata.stack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the stack's long-running processes: one that exits while nobody stopped it is logged (in Strata's log and
 * in its own) with why it died, and started again with the same command after a back-off, up to the
 * {@link RestartPolicy}'s limit.
 *
 * <p>Thread-safe: exits are seen on the JDK's process reaper threads, restarts run on one thread of its own.
 */
final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final RestartPolicy policy;
    private final Clock clock;
    private final ScheduledExecutorService restarts;
    private final Map<String, Watch> watches = new LinkedHashMap<>();
    private volatile boolean closed;

    Supervisor(RestartPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.restarts = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "strata-stack-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Watches {@code process}, which has just been started (again), until it exits. */
    synchronized void watch(ServiceProcess process) {
        Watch watch = watches.computeIfAbsent(process.name(), name -> new Watch(process));
        watch.state = ServiceStatus.State.RUNNING;
        Process current = process.process();
        current.onExit().thenAccept(exited -> exited(watch, exited));
    }

    /** Marks {@code process} as stopped on purpose: its exit is expected, and it is not restarted. */
    synchronized void stopped(ServiceProcess process) {
        Watch watch = watches.get(process.name());
        if (watch != null) {
            watch.state = ServiceStatus.State.STOPPED;
        }
    }

    synchronized List<ServiceStatus> status() {
        List<ServiceStatus> all = new ArrayList<>();
        for (Watch watch : watches.values()) {
            StackProcess.named(watch.process.name())
                    .ifPresent(which -> all.add(new ServiceStatus(
                            which,
                            watch.state,
                            watch.state == ServiceStatus.State.RUNNING ? watch.process.pid() : -1,
                            watch.restartTimes.size(),
                            watch.lastExit,
                            watch.lastExitAt)));
        }
        all.sort(Comparator.comparing(ServiceStatus::process));
        return all;
    }

    private void exited(Watch watch, Process exited) {
        ServiceProcess process = watch.process;
        Optional<Duration> delay;
        String reason;
        synchronized (this) {
            if (closed
                    || process.isStopping()
                    || watch.state == ServiceStatus.State.STOPPED
                    || process.process() != exited) {
                return;
            }
            reason = process.exitReason(exited);
            watch.lastExit = reason;
            watch.lastExitAt = clock.instant();
            delay = policy.nextDelay(watch.restartTimes, clock.instant());
        }
        // Why it died is in both logs before its state says so (written outside the lock: status() stays quick).
        String what = process.name() + " (pid " + exited.pid() + ") exited unexpectedly: " + reason;
        String message = delay.isEmpty()
                ? what + "; it was restarted " + policy.maxRestarts() + " times within " + minutes(policy.window())
                        + " and is not restarted again" + hint(process, reason) + ". Its log: " + process.logFile()
                : what + "; restarting it in " + delay.get().toMillis() + " ms" + hint(process, reason) + ". Its log: "
                        + process.logFile();
        if (delay.isEmpty()) {
            log.error(message);
        } else {
            log.warn(message);
        }
        process.note(message);
        synchronized (this) {
            if (closed || process.isStopping() || watch.state == ServiceStatus.State.STOPPED) {
                return;
            }
            watch.state = delay.isPresent() ? ServiceStatus.State.RESTARTING : ServiceStatus.State.FAILED;
        }
        delay.ifPresent(wait -> restarts.schedule(() -> restart(watch), wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void restart(Watch watch) {
        synchronized (this) {
            if (closed || watch.state != ServiceStatus.State.RESTARTING) {
                return;
            }
            watch.restartTimes.add(clock.instant());
            try {
                watch.process.start();
            } catch (RuntimeException e) {
                log.error("could not restart {}: {}", watch.process.name(), e.getMessage());
                watch.state = ServiceStatus.State.FAILED;
                watch.lastExit = "could not be started again: " + e.getMessage();
                return;
            }
            watch(watch.process);
        }
        log.info(
                "Restarted {} (pid {}), restart {} of at most {} within {}",
                watch.process.name(),
                watch.process.pid(),
                watch.restartTimes.size(),
                policy.maxRestarts(),
                minutes(policy.window()));
    }

    private static String minutes(Duration window) {
        long minutes = window.toMinutes();
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    private static String hint(ServiceProcess process, String reason) {
        if (!reason.startsWith("out of memory")) {
            return "";
        }
        return StackProcess.named(process.name())
                .map(StackProcess::settingsPrefix)
                .map(prefix -> " (give it more memory with " + prefix + ".heap)")
                .orElse("");
    }

    @Override
    public void close() {
        closed = true;
        restarts.shutdownNow();
    }

    private static final class Watch {
        final ServiceProcess process;
        final List<Instant> restartTimes = new ArrayList<>();
        ServiceStatus.State state = ServiceStatus.State.RUNNING;
        String lastExit;
        Instant lastExitAt;

        Watch(ServiceProcess process) {
            this.process = process;
        }
    }
}
