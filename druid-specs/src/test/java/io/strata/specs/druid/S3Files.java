package io.strata.specs.druid;

import io.strata.stack.StackEndpoints;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Uploads test files to the local stack's S3 (S3Proxy), where Druid's S3 input source reads them. */
final class S3Files implements AutoCloseable {

    private final S3Client client;
    private final String bucket;

    S3Files(StackEndpoints endpoints, String bucket) {
        this.bucket = bucket;
        this.client = S3Client.builder()
                .endpointOverride(URI.create(endpoints.s3Endpoint()))
                .region(Region.of(endpoints.s3Region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoints.s3AccessKey(), endpoints.s3SecretKey())))
                // S3Proxy speaks plain path-style S3: no aws-chunked bodies, no flexible checksums.
                .serviceConfiguration(s3 -> s3.pathStyleAccessEnabled(true).chunkedEncodingEnabled(false))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        try {
            client.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
            // 409: another test class in this JVM created it already.
        }
    }

    /** Stores {@code content} under {@code key} and returns its {@code s3://bucket/key} URI. */
    String put(String key, byte[] content) {
        client.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(content));
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public void close() {
        client.close();
    }
}
