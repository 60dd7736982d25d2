package dev.chatactions.app.http;

import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.service.ActionOutcome;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The action meters on {@code /metrics}: actions by type and outcome, upstream latency by call,
 * duplicates prevented (a key that was done or running answered without a second call) and denials.
 */
final class ActionMetrics {

    private final Supplier<MeterRegistry> registryLookup;
    private volatile MeterRegistry registry;
    /** Meters by name and tags: a map lookup per action instead of a registry lookup. */
    private final Map<String, Object> meters = new ConcurrentHashMap<>();

    /** @param registry looked up at the first measurement, once the server has set up Helidon's metrics */
    ActionMetrics(Supplier<MeterRegistry> registry) {
        this.registryLookup = Objects.requireNonNull(registry, "registry");
    }

    void record(String type, ActionOutcome outcome) {
        String settled = outcomeName(outcome);
        counter("chat_actions", List.of(Tag.create("type", safeType(type)), Tag.create("outcome", settled))).increment();
        if (outcome instanceof ActionOutcome.AlreadyDone || outcome instanceof ActionOutcome.InProgress) {
            counter("chat_actions_duplicates_prevented", List.of(Tag.create("type", safeType(type)))).increment();
        }
        if (outcome instanceof ActionOutcome.Denied) {
            counter("chat_actions_denied", List.of(Tag.create("type", safeType(type)))).increment();
        }
    }

    /** Upstream call latency; {@code call} is e.g. {@code issue-create}, {@code reconcile}. */
    void upstreamLatency(String call, Duration elapsed) {
        Timer timer = (Timer) meters.computeIfAbsent("chat_actions_upstream_latency|" + call,
                unused -> registry().getOrCreate(Timer.builder("chat_actions_upstream_latency")
                        .description("Time the forge or CI took to answer one action call")
                        .tags(List.of(Tag.create("call", call)))));
        timer.record(elapsed);
    }

    private Counter counter(String name, List<Tag> tags) {
        StringBuilder id = new StringBuilder(name);
        tags.forEach(tag -> id.append('|').append(tag.key()).append('=').append(tag.value()));
        return (Counter) meters.computeIfAbsent(id.toString(),
                unused -> registry().getOrCreate(Counter.builder(name).tags(tags)));
    }

    private MeterRegistry registry() {
        MeterRegistry current = registry;
        if (current == null) {
            current = registryLookup.get();
            registry = current;
        }
        return current;
    }

    static String outcomeName(ActionOutcome outcome) {
        if (outcome instanceof ActionOutcome.AlreadyDone) {
            return "already_done";
        }
        if (outcome instanceof ActionOutcome.InProgress) {
            return "in_progress";
        }
        if (outcome instanceof ActionOutcome.NotRecorded) {
            return "not_recorded";
        }
        return outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Unknown types are free text from the caller: keep the label set small and bounded. */
    private static String safeType(String type) {
        return ActionType.fromWireName(type).map(Object::toString).orElse("other");
    }
}
