package io.strata.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a column's name suggests, from its words ({@code createdAt}, {@code created_at}, {@code Created At}). */
final class NameHints {
    private static final Set<String> TIME = Set.of(
            "time",
            "timestamp",
            "ts",
            "date",
            "datetime",
            "dt",
            "created",
            "updated",
            "modified",
            "epoch",
            "at",
            "when",
            "day",
            "occurred",
            "logged",
            "event");
    private static final Set<String> BOOL = Set.of(
            "is",
            "has",
            "flag",
            "active",
            "enabled",
            "disabled",
            "bool",
            "boolean",
            "valid",
            "deleted",
            "visible",
            "paid",
            "verified",
            "can",
            "should");
    private static final Set<String> ID = Set.of(
            "id",
            "ids",
            "key",
            "code",
            "zip",
            "zipcode",
            "postal",
            "postcode",
            "sku",
            "uuid",
            "guid",
            "phone",
            "no",
            "nr",
            "ref",
            "account",
            "isbn",
            "ean",
            "upc",
            "fips",
            "hash",
            "number",
            "num");
    /** Words of amounts, which stay measures however few distinct values a file has (a basket of 1–9 items). */
    private static final Set<String> MEASURE = Set.of(
            "quantity",
            "qty",
            "units",
            "amount",
            "count",
            "total",
            "sum",
            "revenue",
            "sales",
            "price",
            "cost",
            "profit",
            "bytes",
            "duration",
            "clicks",
            "views",
            "impressions",
            "items",
            "volume",
            "weight");

    /** Words naming when the event itself happened: the time a row is about. */
    private static final Set<String> EVENT_TIME = Set.of(
            "created",
            "creation",
            "create",
            "ordered",
            "order",
            "occurred",
            "occurrence",
            "started",
            "start",
            "placed",
            "submitted",
            "opened",
            "booked",
            "purchased",
            "purchase",
            "received",
            "logged",
            "event",
            "sent",
            "signup",
            "registered");
    /** Words naming a later step of the row's life: when it changed, moved on or ended. */
    private static final Set<String> LIFECYCLE_TIME = Set.of(
            "updated",
            "update",
            "modified",
            "changed",
            "shipped",
            "ship",
            "shipping",
            "delivered",
            "delivery",
            "closed",
            "close",
            "resolved",
            "ended",
            "end",
            "finished",
            "completed",
            "cancelled",
            "canceled",
            "deleted",
            "expired",
            "expires",
            "due",
            "last",
            "refunded",
            "returned",
            "paid");

    private static final Set<String> YEAR = Set.of("year", "yr", "yyyy", "fy");
    private static final Set<String> LAT = Set.of("lat", "latitude");
    private static final Set<String> LON = Set.of("lon", "lng", "long", "longitude");

    private final List<String> words;

    NameHints(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        this.words = Arrays.stream(spaced.split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    private boolean any(Set<String> set) {
        return words.stream().anyMatch(set::contains);
    }

    boolean time() {
        return any(TIME);
    }

    /** The first word that names the event's own time (created, ordered, started...), or null. */
    String eventTimeWord() {
        return words.stream().filter(EVENT_TIME::contains).findFirst().orElse(null);
    }

    /** The first word that names a later lifecycle time (updated, shipped, closed...), or null. */
    String lifecycleTimeWord() {
        return words.stream().filter(LIFECYCLE_TIME::contains).findFirst().orElse(null);
    }

    boolean bool() {
        return any(BOOL);
    }

    boolean id() {
        return any(ID);
    }

    boolean measure() {
        return any(MEASURE);
    }

    boolean year() {
        return any(YEAR);
    }

    boolean latitude() {
        return any(LAT);
    }

    boolean longitude() {
        return any(LON);
    }
}
