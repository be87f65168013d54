package io.strata.ingestion.storage;

import io.strata.ingestion.IngestionSettings;
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

    private static void pathStyle(Builder s3, boolean pathStyleAccess) {
        s3.pathStyleAccessEnabled(pathStyleAccess).chunkedEncodingEnabled(false);
    }

    @Bean
    ObjectStore objectStore(S3AsyncClient client, S3Settings s3, IngestionSettings ingestion) {
        return new S3ObjectStore(client, s3.bucket(), (int) ingestion.partSize().toBytes());
    }
}
