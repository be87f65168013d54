package io.strata.api.sql;

import java.util.Optional;

/** What a query may read of its session: who connected, to which database, and the session's settings. */
public interface SessionView {

    /** The database the client connected to ({@code strata}). */
    String database();

    /** The session's user as PostgreSQL functions report it: the token's subject. */
    String user();

    /** A setting's current value ({@code TimeZone}, {@code search_path}, ...), by case-insensitive name. */
    Optional<String> setting(String name);
}
