package io.strata.api.sql;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Strata every SQL endpoint integration test talks to: one application context (the same configuration for all
 * of them, so Spring starts it once per JVM) on the shared local stack, its PostgreSQL server on a free port with TLS
 * for clients that ask (a self-signed certificate made with openssl), small limits the limit tests reach.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strata.sql.max-rows=5000", "strata.sql.max-concurrent-queries=3"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlEndpointContext {

    static final int PG_PORT = freePort();
    static final Path TLS = certificate();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sqlEndpoint(DynamicPropertyRegistry registry) {
        registry.add("strata.sql.postgres.port", () -> PG_PORT);
        registry.add("strata.sql.postgres.host", () -> "127.0.0.1");
        registry.add("strata.sql.postgres.tls.certificate", () -> TLS.resolve("cert.pem")
                .toString());
        registry.add("strata.sql.postgres.tls.private-key", () -> TLS.resolve("key.pem")
                .toString());
    }

    SqlFixture fixture() {
        return SqlFixture.loaded(port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A self-signed certificate for localhost and its PKCS#8 key, as PEM files. */
    private static Path certificate() {
        try {
            Path dir = Files.createTempDirectory("strata-sql-tls");
            Process openssl = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "rsa:2048",
                            "-nodes",
                            "-days",
                            "2",
                            "-subj",
                            "/CN=localhost",
                            "-keyout",
                            dir.resolve("key.pem").toString(),
                            "-out",
                            dir.resolve("cert.pem").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(new File(dir.toFile(), "openssl.log"))
                    .start();
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException(
                        "openssl could not make a test certificate: " + Files.readString(dir.resolve("openssl.log")));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
