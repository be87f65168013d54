package io.strata.api.sql;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The SQL endpoint ({@code strata.sql.*}): its PostgreSQL wire server, Avatica, and the limits every query has,
 * whatever the protocol.
 *
 * @param postgres the PostgreSQL wire protocol server
 * @param maxRows rows per query; more fail it (53400)
 * @param maxBytes bytes of Druid's answer per query; more fail it (53400)
 * @param timeout the longest a query may run in Druid (also Druid's own {@code timeout}); a client may ask less
 * @param maxConcurrentQueries queries one client (a token's subject) may run at once, over all protocols
 * @param druidConnections HTTP connections to Druid's broker for SQL endpoint queries (queries in flight)
 * @param avatica Druid's JDBC protocol
 */
@ConfigurationProperties("strata.sql")
public record SqlSettings(
        Postgres postgres,
        long maxRows,
        DataSize maxBytes,
        Duration timeout,
        int maxConcurrentQueries,
        int druidConnections,
        Avatica avatica) {

    public SqlSettings {
        postgres = postgres != null ? postgres : new Postgres(null, null, null, null);
        maxRows = maxRows > 0 ? maxRows : 1_000_000;
        maxBytes = maxBytes != null ? maxBytes : DataSize.ofGigabytes(1);
        timeout = timeout != null ? timeout : Duration.ofSeconds(60);
        maxConcurrentQueries = maxConcurrentQueries > 0 ? maxConcurrentQueries : 8;
        druidConnections = druidConnections > 0 ? druidConnections : 16;
        avatica = avatica != null ? avatica : new Avatica(null, 0, 0);
    }

    /**
     * @param port the port ({@code 15432}); 0 turns the server off
     * @param host the address to listen on ({@code 0.0.0.0}: every interface, as the HTTP server)
     * @param tls TLS for clients that ask for it (SSLRequest); off unless a certificate and key are set
     * @param maxMessageSize the largest message a client may send (a query's text and its parameters)
     */
    public record Postgres(Integer port, String host, Tls tls, DataSize maxMessageSize) {
        public Postgres {
            port = port != null ? port : 15432;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("strata.sql.postgres.port must be 0 (off) to 65535, not " + port);
            }
            host = host != null && !host.isBlank() ? host : "0.0.0.0";
            tls = tls != null ? tls : new Tls(null, null);
            maxMessageSize = maxMessageSize != null ? maxMessageSize : DataSize.ofMegabytes(16);
        }

        public boolean enabled() {
            return port != 0;
        }
    }

    /**
     * @param certificate a PEM file with the server's certificate chain
     * @param privateKey a PEM file with its private key (PKCS#8)
     */
    public record Tls(String certificate, String privateKey) {
        public Tls {
            if ((certificate == null) != (privateKey == null)) {
                throw new IllegalArgumentException(
                        "strata.sql.postgres.tls needs both certificate and private-key (PEM files), or neither");
            }
        }

        public boolean enabled() {
            return certificate != null;
        }
    }

    /**
     * @param connectionIdleTimeout an Avatica connection unused this long is closed (a JDBC client that went away)
     * @param threads threads that run Avatica requests (its handlers block; these threads wait for Druid)
     * @param frameSize rows per Avatica frame when the client asks no size
     */
    public record Avatica(Duration connectionIdleTimeout, int threads, int frameSize) {
        public Avatica {
            connectionIdleTimeout = connectionIdleTimeout != null ? connectionIdleTimeout : Duration.ofMinutes(10);
            threads = threads > 0 ? threads : 16;
            frameSize = frameSize > 0 ? frameSize : 1000;
        }
    }
}
