package io.strata.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates Strata's database in the PostgreSQL server at the configured address: the machine's own, or the one
 * {@link PostgresServer} started.
 */
final class PostgresDatabase {

    private PostgresDatabase() {}

    /** True once the server accepts connections (not merely its port: a starting server refuses them). */
    static boolean answers(StackSettings settings) {
        try (Connection ignored = DriverManager.getConnection(adminUrl(settings), settings.postgresUser(), "")) {
            return true;
        } catch (SQLException notYet) {
            return false;
        }
    }

    private static String adminUrl(StackSettings settings) {
        return "jdbc:postgresql://" + settings.postgresHost() + ":" + settings.postgresPort() + "/postgres";
    }

    static void ensure(StackSettings settings) {
        if (!Readiness.tcp(settings.postgresHost(), settings.postgresPort())) {
            throw new StackException("no PostgreSQL answers at " + settings.postgresHost() + ":"
                    + settings.postgresPort() + ": start one (e.g. 'pg_ctlcluster 15 main start'), or point "
                    + "strata.stack.postgres.host/port or spring.r2dbc.url at yours");
        }
        String database = settings.postgresDatabase();
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "strata.stack.postgres.database must be a plain lower-case name: " + database);
        }
        String url = adminUrl(settings);
        try (Connection connection = DriverManager.getConnection(url, settings.postgresUser(), "")) {
            if (settings.fresh()) {
                // A fresh stack starts from nothing: no tasks or datasets from an earlier run.
                try (Statement drop = connection.createStatement()) {
                    drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
            try (PreparedStatement exists =
                    connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet result = exists.executeQuery()) {
                    if (result.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently by another process: what we wanted
            }
            throw new StackException(
                    "could not prepare PostgreSQL database '" + database + "' at " + url + " as "
                            + settings.postgresUser() + ": " + e.getMessage(),
                    e);
        }
    }
}
