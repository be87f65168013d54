package io.strata.ingestion.storage;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where uploads are stored ({@code strata.s3.*}). Without an endpoint the AWS default endpoint for the region is
 * used; without keys, the AWS default credentials chain.
 */
@ConfigurationProperties("strata.s3")
public record S3Settings(
        URI endpoint, String region, String accessKey, String secretKey, String bucket, boolean pathStyleAccess) {

    public S3Settings {
        region = region != null ? region : "us-east-1";
        bucket = bucket != null ? bucket : "strata-uploads";
    }
}
