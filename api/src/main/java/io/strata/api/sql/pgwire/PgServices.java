package io.strata.api.sql.pgwire;

import io.strata.api.sql.SqlCallers;
import io.strata.api.sql.SqlEngine;
import java.time.Clock;

/** What every PostgreSQL connection uses: the SQL engine, token checks, the cancel registry, the clock. */
record PgServices(SqlEngine engine, SqlCallers callers, PgCancels cancels, Clock clock) {

    /** The one database: a client must name it (PostgreSQL answers 3D000 for any other). */
    static final String DATABASE = "strata";
}
