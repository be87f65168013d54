package io.strata.ingestion;

import java.util.Objects;

/**
 * Who asked for a change: the subject of the caller's token and the OAuth2 client it used. Recorded with uploads
 * and in the audit log.
 *
 * @param subject the token's {@code sub}; {@code system} for Strata's own work
 * @param clientId the token's {@code client_id} or {@code azp}, or null when the token names none
 */
public record Actor(String subject, String clientId) {

    /** Strata itself: the task driver, recovery. */
    public static final Actor SYSTEM = new Actor("system", null);

    public Actor {
        Objects.requireNonNull(subject, "subject");
    }
}
