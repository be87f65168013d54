package io.strata.stack;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One local stack per JVM, started on first use and stopped when the JVM exits. The server's start-up and
 * every test in a test JVM obtain their stack here, so a test run starts the services once, not once per test
 * class or application context.
 */
public final class SharedStack {

    private static LocalStack stack;

    private SharedStack() {}

    /**
     * The running shared stack, starting it with settings read from {@code lookup} when none runs yet.
     *
     * @param components what to run; ignored when a stack already runs (its components are kept)
     */
    public static synchronized StackEndpoints endpoints(Function<String, String> lookup, Set<Component> components) {
        if (stack == null) {
            stack = LocalStack.start(StackSettings.from(lookup, components));
        }
        return stack.endpoints();
    }

    /** The shared stack with every component and settings from system properties, for tests. */
    public static StackEndpoints endpoints() {
        return endpoints(System::getProperty, EnumSet.allOf(Component.class));
    }

    /**
     * Stops one component of the running shared stack (fault tests); see {@link LocalStack#stop(Component)}.
     *
     * @throws IllegalStateException when no shared stack runs
     */
    public static synchronized void stop(Component component) {
        running().stop(component);
    }

    /** Starts a component stopped by {@link #stop(Component)} again; see {@link LocalStack#start(Component)}. */
    public static synchronized void start(Component component) {
        running().start(component);
    }

    /** Stops one process of the running shared stack (fault tests); see {@link LocalStack#stop(StackProcess)}. */
    public static synchronized void stop(StackProcess process) {
        running().stop(process);
    }

    /** Starts a process stopped by {@link #stop(StackProcess)} again; see {@link LocalStack#start(StackProcess)}. */
    public static synchronized void start(StackProcess process) {
        running().start(process);
    }

    /** Kills one process of the running shared stack as a crash would (fault tests); see {@link LocalStack#kill}. */
    public static synchronized long kill(StackProcess process) {
        return running().kill(process);
    }

    /** The stack this JVM started, if any: for health checks that ask it what runs. */
    public static synchronized java.util.Optional<LocalStack> current() {
        return java.util.Optional.ofNullable(stack);
    }

    private static LocalStack running() {
        if (stack == null) {
            throw new IllegalStateException("no shared local stack runs in this JVM");
        }
        return stack;
    }

    /** Stops the shared stack now rather than at JVM exit. */
    public static synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }
}
