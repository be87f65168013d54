package io.strata.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** S3Proxy with its filesystem backend: an S3-compatible store whose buckets are directories under the stack. */
final class S3ProxyService {

    private final StackSettings settings;
    private final Path s3Home;

    S3ProxyService(StackSettings settings) {
        this.settings = settings;
        this.s3Home = settings.home().resolve("s3");
    }

    String endpoint() {
        return "http://127.0.0.1:" + settings.s3Port();
    }

    /** Writes the configuration; the deep-storage bucket Druid writes to exists from the start. */
    void configure() {
        Path data = s3Home.resolve("data");
        try {
            // With the filesystem backend a bucket is a directory, so Druid's bucket needs no API call.
            Files.createDirectories(data.resolve(StackSettings.DEEP_STORAGE_BUCKET));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DruidServices.write(
                s3Home.resolve("s3proxy.properties"),
                String.join(
                        "\n",
                        "# Written by Strata's local stack launcher; edits are overwritten.",
                        "s3proxy.endpoint=" + endpoint(),
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + StackSettings.S3_ACCESS_KEY,
                        "s3proxy.credential=" + StackSettings.S3_SECRET_KEY,
                        // Without this the AWS SDK's multipart client is answered 501 for checksum headers.
                        "s3proxy.ignore-unknown-headers=true",
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + data,
                        ""));
    }

    ServiceProcess server(List<Path> jars) {
        List<String> command = List.of(
                settings.javaExecutable().toString(),
                settings.processMarker(),
                "-Dstrata.stack.service=s3proxy",
                "-Xms" + settings.memory().s3().heap(),
                "-Xmx" + settings.memory().s3().heap(),
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                jars.get(0).toString(),
                "org.gaul.s3proxy.Main",
                "--properties",
                s3Home.resolve("s3proxy.properties").toString());
        return new ServiceProcess(
                "s3proxy", command, s3Home, settings.logDirectory().resolve("s3proxy.log"));
    }
}
