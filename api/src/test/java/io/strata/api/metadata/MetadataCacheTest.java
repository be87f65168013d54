package io.strata.api.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.api.metadata.MetadataCache.Kind;
import io.strata.ingestion.task.DatasetChanged;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** When the metadata cache serves from memory, and when it must read again. */
class MetadataCacheTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MetadataCache cache = new MetadataCache(MetadataSettings.defaults(), registry);
    final AtomicInteger reads = new AtomicInteger();

    Mono<String> read(String value) {
        return Mono.fromSupplier(() -> {
            reads.incrementAndGet();
            return value;
        });
    }

    String get(String dataset, String value) {
        return cache.get(Kind.RULES, dataset, () -> read(value)).block();
    }

    @Test
    void whileNotListeningEveryLookupReads() {
        assertThat(get("sales", "v1")).isEqualTo("v1");
        assertThat(get("sales", "v2")).isEqualTo("v2");
        assertThat(reads).hasValue(2);
        assertThat(registry.get("strata.metadata.cache")
                        .tag("result", "bypass")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void whileListeningALookupIsReadOnceUntilItsDatasetChanges() {
        cache.listening(true);
        assertThat(get("sales", "v1")).isEqualTo("v1");
        assertThat(get("sales", "v2")).as("served from memory").isEqualTo("v1");
        assertThat(get("orders", "o1")).isEqualTo("o1");
        assertThat(reads).hasValue(2);

        cache.changed("sales");
        assertThat(get("sales", "v2")).isEqualTo("v2");
        assertThat(get("orders", "o2"))
                .as("another dataset's change drops nothing of it")
                .isEqualTo("o1");
        assertThat(reads).hasValue(3);
        assertThat(registry.get("strata.metadata.cache")
                        .tag("result", "hit")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void thisNodesOwnCommittedWriteIsSeenByTheNextLookup() {
        cache.listening(true);
        get("sales", "v1");
        cache.on(new DatasetChanged("sales"));
        assertThat(get("sales", "v2")).isEqualTo("v2");
    }

    @Test
    void aReadThatOverlappedAChangeIsAnsweredButNeverKept() {
        cache.listening(true);
        Sinks.One<String> slow = Sinks.one();
        Mono<String> pending = cache.get(Kind.MEASURES, "sales", slow::asMono);
        String[] answered = new String[1];
        pending.subscribe(value -> answered[0] = value);

        cache.changed("sales"); // committed while the read was in flight: it may hold either version
        slow.tryEmitValue("old");
        assertThat(answered[0]).isEqualTo("old");

        assertThat(cache.get(Kind.MEASURES, "sales", () -> read("new")).block()).isEqualTo("new");
        assertThat(reads).hasValue(1);
    }

    @Test
    void losingTheNotificationsDropsEverythingAndReadsUntilListeningAgain() {
        cache.listening(true);
        get("sales", "v1");
        cache.listening(false);
        assertThat(get("sales", "v2")).isEqualTo("v2");
        assertThat(get("sales", "v3"))
                .as("nothing kept while a change could be missed")
                .isEqualTo("v3");

        cache.listening(true);
        assertThat(get("sales", "v4")).as("nothing from before is trusted").isEqualTo("v4");
        assertThat(get("sales", "v5")).isEqualTo("v4");
        assertThat(reads).hasValue(4);
    }

    @Test
    void aDatasetThatDoesNotExistIsRememberedUntilOneIsCreated() {
        cache.listening(true);
        assertThat(cache.get(Kind.DATASET, "new", () -> read("x").then(Mono.<String>empty()))
                        .blockOptional())
                .isEmpty();
        assertThat(cache.get(Kind.DATASET, "new", () -> read("created")).blockOptional())
                .isEmpty();
        cache.changed("new");
        assertThat(cache.get(Kind.DATASET, "new", () -> read("created")).block())
                .isEqualTo("created");
        assertThat(reads).hasValue(2);
    }

    @Test
    void switchedOffItAlwaysReads() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        MetadataCache off = new MetadataCache(new MetadataSettings(false, null, null), own);
        off.listening(true);
        off.get(Kind.RULES, "sales", () -> read("a")).block();
        off.get(Kind.RULES, "sales", () -> read("b")).block();
        assertThat(reads).hasValue(2);
        assertThat(own.get("strata.metadata.listening").gauge().value()).isZero();
    }
}
