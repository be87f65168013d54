package io.strata.api.correlation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.handler.TracingObservationHandler;
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

    /**
     * The client's id when plain; else the trace id of the request's span (its W3C {@code traceparent}'s when it sent
     * one), so Druid's query ids and the logs carry the trace; else a new id.
     */
    public static String acceptOrTrace(String proposed, ContextView context) {
        if (proposed != null && SAFE.matcher(proposed).matches()) {
            return proposed;
        }
        String trace = traceId(context);
        return trace != null ? trace : create();
    }

    /** The trace id of the observation in {@code context}, or null when there is none or it is not traced. */
    public static String traceId(ContextView context) {
        Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation == null || observation.isNoop()) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing =
                observation.getContextView().get(TracingObservationHandler.TracingContext.class);
        if (tracing == null || tracing.getSpan() == null) {
            return null;
        }
        String id = tracing.getSpan().context().traceId();
        return id == null || id.isEmpty() ? null : id;
    }

    public static String create() {
        return UUID.randomUUID().toString();
    }

    /** The id in the context, or a new one when the work did not start from a client request. */
    public static String from(ContextView context) {
        return context.<String>getOrEmpty(KEY).orElseGet(CorrelationId::create);
    }
}
