package io.strata.api.analytics;

import java.util.List;

/** A page of table rows, Relay-style. */
public record RowConnection(List<Edge> edges, PageInfo pageInfo) {

    public RowConnection {
        edges = List.copyOf(edges);
    }

    public record Edge(TableRow node, String cursor) {}

    public record PageInfo(boolean hasNextPage, String endCursor) {}
}
