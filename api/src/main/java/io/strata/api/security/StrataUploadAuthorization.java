package io.strata.api.security;

import io.strata.ingestion.Actor;
import io.strata.ingestion.upload.UploadAuthorization;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Uploads under the same dataset access rules as GraphQL: the caller must be allowed to write the dataset. */
@Component
class StrataUploadAuthorization implements UploadAuthorization {

    private final SecurityScopes scopes;
    private final DatasetAccess access;

    StrataUploadAuthorization(SecurityScopes scopes, DatasetAccess access) {
        this.scopes = scopes;
        this.access = access;
    }

    @Override
    public Mono<Actor> authorizeWrite(String dataset) {
        return scopes.current().flatMap(caller -> access.write(dataset, caller).thenReturn(caller.actor()));
    }

    @Override
    public Mono<Actor> caller() {
        return scopes.current().map(SecurityScope::actor);
    }
}
