package io.strata.ingestion.upload;

import io.strata.ingestion.Actor;
import io.strata.ingestion.StrataException;
import reactor.core.publisher.Mono;

/**
 * Decides whether the caller of an upload may write into a dataset. The application's security implements it; the
 * caller is read from the Reactor context the request runs in.
 *
 * <p>Threading: never blocks; may query PostgreSQL.
 */
public interface UploadAuthorization {

    /**
     * The caller, when they may write into {@code dataset} (which may not exist yet).
     *
     * @return an error instead: {@link StrataException.NotFound} when the caller may not even read the dataset
     *     (so its existence is not revealed), {@link StrataException.Forbidden} when they may read it but not write
     */
    Mono<Actor> authorizeWrite(String dataset);

    /** The caller, whatever the dataset (for requests that store nothing, such as schema detection). */
    Mono<Actor> caller();
}
