package io.strata.stack;

/**
 * Where each service of a running stack answers.
 *
 * @param druidCoordinatorUrl coordinator with the overlord inside: task submission and status
 * @param druidBrokerUrl broker: SQL over HTTP ({@code /druid/v2/sql}) and Avatica JDBC
 * @param s3Endpoint S3-compatible endpoint (path-style addressing)
 * @param s3Region signing region
 * @param s3AccessKey access key
 * @param s3SecretKey secret key
 * @param kafkaBootstrapServers Kafka bootstrap servers
 * @param postgresHost PostgreSQL host
 * @param postgresPort PostgreSQL port
 * @param postgresDatabase the database Strata uses
 * @param postgresUser its user
 * @param postgresPassword its password (empty with trust authentication)
 */
public record StackEndpoints(
        String druidCoordinatorUrl,
        String druidBrokerUrl,
        String s3Endpoint,
        String s3Region,
        String s3AccessKey,
        String s3SecretKey,
        String kafkaBootstrapServers,
        String postgresHost,
        int postgresPort,
        String postgresDatabase,
        String postgresUser,
        String postgresPassword) {

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + postgresDatabase;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + postgresDatabase;
    }

    /** The Avatica JDBC URL of the broker, as Druid's documentation gives it. */
    public String avaticaUrl() {
        return "jdbc:avatica:remote:url=" + druidBrokerUrl + "/druid/v2/sql/avatica/;transparent_reconnection=true";
    }
}
