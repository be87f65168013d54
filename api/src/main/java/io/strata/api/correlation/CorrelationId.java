package io.strata.api.correlation;

import java.util.UUID;
import java.util.regex.Pattern;
import reactor.util.context.ContextView;

/**
 * The id that ties a client request to the log lines and upstream queries it caused. It travels in the Reactor
 * context under {@link #KEY}; a client may propose one in the {@value #HEADER} header.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String KEY = CorrelationId.class.getName();

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {}

    /** A client-proposed id when it is short and plain (it ends up in Druid's query ids and logs); else a new one. */
    public static String acceptOrCreate(String proposed) {
        return proposed != null && SAFE.matcher(proposed).matches() ? proposed : create();
    }

    public static String create() {
        return UUID.randomUUID().toString();
    }

    /** The id in the context, or a new one when the work did not start from a client request. */
    public static String from(ContextView context) {
        return context.<String>getOrEmpty(KEY).orElseGet(CorrelationId::create);
    }
}
