package io.strata.api.health;

import io.strata.stack.LocalStack;
import io.strata.stack.ServiceStatus;
import io.strata.stack.SharedStack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The processes of the local stack this node started: DOWN, naming each, while one is not running (it died and
 * waits to be restarted, or was given up) or does not answer its health check. UP when this node started no stack
 * (its services are someone else's, and the other indicators ask them).
 */
@Component("localStack")
class LocalStackHealth implements ReactiveHealthIndicator {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(4);

    @Override
    public Mono<Health> health() {
        return SharedStack.current()
                .map(LocalStackHealth::of)
                .orElseGet(() -> Mono.just(Health.up()
                        .withDetail("services", "none started by this node")
                        .build()));
    }

    private static Mono<Health> of(LocalStack stack) {
        List<ServiceStatus> statuses = stack.status();
        return Flux.fromIterable(statuses)
                .flatMapSequential(status -> answers(stack, status).map(answers -> Map.entry(status, answers)))
                .collectList()
                .map(LocalStackHealth::health);
    }

    private static Mono<Boolean> answers(LocalStack stack, ServiceStatus status) {
        if (status.state() != ServiceStatus.State.RUNNING) {
            return Mono.just(false);
        }
        // The stack's probes are plain blocking HTTP and socket checks.
        return Mono.fromCallable(() -> stack.answers(status.process()))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(PROBE_TIMEOUT, Mono.just(false));
    }

    private static Health health(List<Map.Entry<ServiceStatus, Boolean>> checked) {
        Map<String, Object> services = new LinkedHashMap<>();
        StringBuilder down = new StringBuilder();
        for (Map.Entry<ServiceStatus, Boolean> each : checked) {
            ServiceStatus status = each.getKey();
            boolean answers = each.getValue();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", status.state().name());
            detail.put("answers", answers);
            if (status.pid() > 0) {
                detail.put("pid", status.pid());
            }
            detail.put("restarts", status.restarts());
            if (status.lastExit() != null) {
                detail.put("lastExit", status.lastExit());
                detail.put("lastExitAt", status.lastExitAt().toString());
            }
            String name = status.process().processName();
            services.put(name, detail);
            if (!answers) {
                down.append(down.isEmpty() ? "" : "; ").append(name).append(' ').append(problem(status));
            }
        }
        Health.Builder health = down.isEmpty() ? Health.up() : Health.down().withDetail("error", down.toString());
        return health.withDetail("services", services).build();
    }

    private static String problem(ServiceStatus status) {
        return switch (status.state()) {
            case RUNNING -> "runs but does not answer its health check";
            case RESTARTING -> "exited (" + status.lastExit() + ") and is being restarted";
            case FAILED -> "exited (" + status.lastExit() + ") too often and is not restarted: see its log";
            case STOPPED -> "is stopped";
        };
    }
}
