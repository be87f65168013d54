package io.strata.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Health checks that ask a service for real (HTTP, protocol handshakes), and a deadline-bounded wait on them. */
final class Readiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Readiness() {}

    /** True when {@code url} answers with {@code expectedStatus} (any status when negative). */
    static boolean http(String url, int expectedStatus) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return expectedStatus < 0 || response.statusCode() == expectedStatus;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The body of a successful GET, or null. */
    static String httpBody(String url) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static boolean tcp(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** ZooKeeper's four-letter {@code ruok} command answers {@code imok} once the server serves requests. */
    static boolean zookeeper(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("ruok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).equals("imok");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls {@code check} until it holds. Fails early, with the tail of its log, when the process it waits for
     * has died, and with a timeout naming the service when the deadline passes.
     */
    static void await(String what, BooleanSupplier check, ServiceProcess process, long deadlineNanos) {
        while (!check.getAsBoolean()) {
            if (process != null && !process.isAlive()) {
                throw new StackException(process.name() + " exited before it was ready (" + what + "); last lines of "
                        + process.logFile() + ":\n" + process.tail(30));
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new StackException("timed out waiting for " + what
                        + (process != null ? "; see " + process.logFile() + ":\n" + process.tail(30) : ""));
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + what);
            }
        }
    }
}
