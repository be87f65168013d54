package io.strata.stack;

import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack in the foreground until interrupted ({@code java -jar strata.jar stack}), for working on
 * Strata from an IDE against the same services its tests use.
 */
public final class LocalStackMain {

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        StackSettings settings = StackSettings.from(System::getProperty, EnumSet.allOf(Component.class));
        try (LocalStack stack = LocalStack.start(settings)) {
            System.out.println("Local stack ready: " + stack.endpoints());
            System.out.println("Press Ctrl-C to stop it.");
            new CountDownLatch(1).await();
        }
    }
}
