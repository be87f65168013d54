package io.strata.ingestion.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.ingestion.IngestionSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration.Builder;

/** The S3 client and the {@link ObjectStore} on it. */
@Configuration(proxyBeanMethods = false)
class S3Configuration {

    @Bean(destroyMethod = "close")
    S3AsyncClient s3AsyncClient(S3Settings settings) {
        var builder = S3AsyncClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64))
                .serviceConfiguration(s3 -> pathStyle(s3, settings.pathStyleAccess()))
                // The upload is hashed (SHA-256) as it streams and every part's length is checked; an extra CRC32 of
                // every byte, which S3 does not require, only costs CPU the validation needs.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(
                        settings.accessKey() != null
                                ? StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                                : DefaultCredentialsProvider.builder().build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    /**
     * Parts are sent aws-chunked (each chunk signed as it streams) rather than as one signed payload: over plain HTTP
     * the SDK must sign the payload, and a store checks a whole-payload signature only after holding the whole part
     * (S3Proxy buffers all 8 MB of it in memory), while chunks are written as they arrive. On the local stack this
     * took the store's CPU per 100 MB from 1.06 s to 0.65 s and a raw multipart PUT from 97 to 185 MB/s
     * (ingestion/README.md, "Benchmark").
     */
    private static void pathStyle(Builder s3, boolean pathStyleAccess) {
        s3.pathStyleAccessEnabled(pathStyleAccess).chunkedEncodingEnabled(true);
    }

    @Bean
    ObjectStore objectStore(
            S3AsyncClient client, S3Settings s3, IngestionSettings ingestion, ObjectProvider<MeterRegistry> registry) {
        return new S3ObjectStore(
                client,
                s3.bucket(),
                (int) ingestion.partSize().toBytes(),
                ingestion.singlePutMaxSize().toBytes(),
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
