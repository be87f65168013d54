package io.strata.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real child processes: a short-lived JVM standing in for a service of the stack. */
class SupervisorTest {

    static final RestartPolicy FAST =
            new RestartPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 3, Duration.ofMinutes(1));

    @TempDir
    Path dir;

    @Test
    void aProcessThatIsKilledIsStartedAgainAndItsLogSaysWhy() throws Exception {
        ServiceProcess kafka = service("kafka", "sleep", "60");
        try (Supervisor supervisor = new Supervisor(FAST, Clock.systemUTC())) {
            kafka.start();
            supervisor.watch(kafka);
            long first = kafka.pid();

            kafka.kill();

            Awaitility.await("kafka to be started again")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> kafka.isAlive() && kafka.pid() != first);
            ServiceStatus status = supervisor.status().get(0);
            assertThat(status.process()).isEqualTo(StackProcess.KAFKA);
            assertThat(status.state()).isEqualTo(ServiceStatus.State.RUNNING);
            assertThat(status.restarts()).isEqualTo(1);
            assertThat(status.lastExit()).isEqualTo("killed by signal 9 (SIGKILL), exit code 137");
            assertThat(Files.readString(kafka.logFile()))
                    .contains("kafka (pid " + first + ") exited unexpectedly: killed by signal 9 (SIGKILL)")
                    .contains("restarting it in 50 ms");
        } finally {
            kafka.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aProcessThatRunsOutOfMemoryIsReportedAsSuchWithTheSettingThatSizesIt() throws Exception {
        Path program = dir.resolve("Hog.java");
        Files.writeString(
                program,
                "public class Hog { public static void main(String[] a) {"
                        + " java.util.List<long[]> all = new java.util.ArrayList<>();"
                        + " while (true) { all.add(new long[1 << 20]); } } }");
        ServiceProcess indexer = service(
                "indexer",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:+ExitOnOutOfMemoryError",
                program.toString());
        RestartPolicy never = new RestartPolicy(Duration.ZERO, Duration.ZERO, 0, Duration.ofMinutes(1));
        try (Supervisor supervisor = new Supervisor(never, Clock.systemUTC())) {
            indexer.start();
            supervisor.watch(indexer);

            Awaitility.await("the indexer to be given up")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> supervisor.status().get(0).state() == ServiceStatus.State.FAILED);
            ServiceStatus status = supervisor.status().get(0);
            assertThat(status.lastExit())
                    .startsWith("out of memory (java.lang.OutOfMemoryError: Java heap space")
                    .endsWith("exit code 3)");
            assertThat(status.pid()).isEqualTo(-1);
            assertThat(Files.readString(indexer.logFile()))
                    .contains("is not restarted again (give it more memory with strata.stack.druid.indexer.heap)");
        } finally {
            indexer.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aProcessThatKeepsDyingIsGivenUpAfterTheLimit() {
        ServiceProcess broker = service("broker", "false");
        try (Supervisor supervisor = new Supervisor(FAST, Clock.systemUTC())) {
            broker.start();
            supervisor.watch(broker);

            Awaitility.await("the broker to be given up")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> supervisor.status().get(0).state() == ServiceStatus.State.FAILED);
            ServiceStatus status = supervisor.status().get(0);
            assertThat(status.restarts()).isEqualTo(FAST.maxRestarts());
            assertThat(status.lastExit()).isEqualTo("exit code 1");
            assertThat(broker.isAlive()).isFalse();
        }
    }

    @Test
    void aProcessStoppedOnPurposeIsNotRestarted() throws Exception {
        ServiceProcess zookeeper = service("zookeeper", "sleep", "60");
        try (Supervisor supervisor = new Supervisor(FAST, Clock.systemUTC())) {
            zookeeper.start();
            supervisor.watch(zookeeper);
            Process first = zookeeper.process();

            supervisor.stopped(zookeeper);
            zookeeper.stop(Duration.ofSeconds(5));
            first.onExit().get();

            // A restart would come within FAST's first delay (50 ms): it stays down for six times as long.
            Awaitility.await("zookeeper to stay stopped")
                    .during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> !zookeeper.isAlive()
                            && zookeeper.process() == first
                            && supervisor.status().get(0).state() == ServiceStatus.State.STOPPED);
        }
    }

    private ServiceProcess service(String name, String... command) {
        return new ServiceProcess(name, List.of(command), dir, dir.resolve(name + ".log"));
    }
}
