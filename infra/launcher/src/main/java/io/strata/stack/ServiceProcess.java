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
    private volatile Process process;
    /** Set while this process is being stopped on purpose, so its exit is not taken for a crash. */
    private volatile boolean stopping;
    /** The log file's length when the current process started: what it wrote since is its own. */
    private volatile long logStart;

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
            logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            stopping = false;
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
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The current process's id, or -1 before the first start. */
    long pid() {
        Process current = process;
        return current != null ? current.pid() : -1;
    }

    /** The current process; null before the first start. */
    Process process() {
        return process;
    }

    boolean isStopping() {
        return stopping;
    }

    /**
     * Why {@code exited} ended, for logs: its exit code and what it means, and the out-of-memory error it reported in
     * its log, if any.
     */
    String exitReason(Process exited) {
        int code = exited.exitValue();
        String oom = outOfMemoryError();
        if (oom != null) {
            return "out of memory (" + oom + "; exit code " + code + ")";
        }
        if (code > 128 && code < 160) {
            int signal = code - 128;
            return "killed by signal " + signal + (signal == 9 ? " (SIGKILL)" : signal == 15 ? " (SIGTERM)" : "")
                    + ", exit code " + code;
        }
        return "exit code " + code;
    }

    /** The first OutOfMemoryError line the current process wrote to its log (JVMs print one before they exit). */
    private String outOfMemoryError() {
        try (var channel = Files.newByteChannel(logFile)) {
            long size = channel.size();
            long from = Math.max(logStart, size - 64 * 1024);
            channel.position(from);
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) (size - from));
            while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                // read the whole tail
            }
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
            int at = text.indexOf("java.lang.OutOfMemoryError");
            if (at < 0) {
                return null;
            }
            int end = text.indexOf('\n', at);
            return text.substring(at, end < 0 ? text.length() : end).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Appends one line to this process's log file, so the log itself says what happened to the process. */
    void note(String line) {
        try {
            Files.writeString(
                    logFile,
                    "---- strata-stack " + java.time.Instant.now() + ": " + line + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.debug("could not write to {}: {}", logFile, e.getMessage());
        }
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
        Process current = process;
        if (current == null) {
            return;
        }
        stopping = true;
        terminate(current.toHandle(), grace);
    }

    /** Kills the process and its descendants at once, as a crash would (fault tests); it is not marked stopping. */
    void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        Stream.concat(current.toHandle().descendants(), Stream.of(current.toHandle()))
                .forEach(ProcessHandle::destroyForcibly);
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
