package io.strata.api;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound runs in every test JVM (blockhound-junit-platform) and fails any blocking call on a non-blocking
 * thread. The exceptions below are reads BlockHound cannot tell from waiting I/O but which do not wait: {@code
 * SecureRandom} reading {@code /dev/urandom} (never blocks once the kernel's pool is initialised, long before a JVM
 * starts), and a resource bundle read once from the classpath and cached (like class loading, which BlockHound
 * itself allows), and Netty's adaptive allocator returning a chunk to its magazine under a brief lock (Netty's own
 * integration allows the same for its pooled allocator's arenas and chunks, not yet for this path in 4.2.15; seen
 * stopping a 40 MB pgwire result on an event loop in CI).
 */
public class StrataBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("java.util.UUID", "randomUUID")
                .allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary")
                .allowBlockingCallsInside("java.util.ResourceBundle", "getBundle")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
    }
}
