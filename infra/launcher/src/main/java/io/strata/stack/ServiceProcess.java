package io.strata.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One child process of the stack: its command, its log file, and a stop that also ends its descendants. */
final class ServiceProcess {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

    private final String name;
    private final List<String> command;
    private final Path workingDirectory;
    private final Path logFile;
    private Process process;

    ServiceProcess(String name, List<String> command, Path workingDirectory, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    ServiceProcess start() {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workingDirectory);
            process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            log.info("Started {} (pid {}), log: {}", name, process.pid(), logFile);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Runs the process to completion (a one-shot tool such as Kafka's storage formatter). */
    void runToCompletion(Duration timeout) {
        start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(Duration.ofSeconds(5));
                throw new StackException(name + " did not finish within " + timeout + "; see " + logFile);
            }
            if (process.exitValue() != 0) {
                throw new StackException(name + " failed with exit code " + process.exitValue() + ":\n" + tail(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while running " + name);
        }
    }

    /** Stops the process and everything it started: a polite signal, then a kill after {@code grace}. */
    void stop(Duration grace) {
        if (process == null) {
            return;
        }
        terminate(process.toHandle(), grace);
    }

    static void terminate(ProcessHandle handle, Duration grace) {
        List<ProcessHandle> tree = Stream.concat(handle.descendants(), Stream.of(handle))
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle each : tree) {
            long remaining = deadline - System.nanoTime();
            try {
                each.onExit().get(Math.max(remaining, 1), TimeUnit.NANOSECONDS);
            } catch (Exception timedOut) {
                each.destroyForcibly();
            }
        }
    }

    /** The last lines of the log file, for error messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }
}
