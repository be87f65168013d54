package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.List;
import java.util.Map;

/**
 * Druid's {@code s3} input source: exactly one of {@code uris}, {@code prefixes} or {@code objects}.
 *
 * @param objectGlob glob on the object key, e.g. {@code **.csv}; null for all
 * @param properties credentials and role ({@code accessKeyId}, {@code secretAccessKey}, {@code assumeRoleArn},
 *     ...); values may be strings or Druid password-provider objects; null for Druid's default credentials
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3InputSource(
        List<String> uris,
        List<String> prefixes,
        List<S3Object> objects,
        String objectGlob,
        Map<String, Object> properties)
        implements InputSource {

    /** One S3 object by bucket and key. */
    public record S3Object(String bucket, String path) {
        public S3Object {
            Checks.requireText(bucket, "s3 object bucket");
            Checks.requireText(path, "s3 object path");
        }
    }

    public S3InputSource {
        uris = Checks.copy(uris, "s3 inputSource uris");
        prefixes = Checks.copy(prefixes, "s3 inputSource prefixes");
        objects = Checks.copy(objects, "s3 inputSource objects");
        properties = Checks.copy(properties);
        int given = (isSet(uris) ? 1 : 0) + (isSet(prefixes) ? 1 : 0) + (isSet(objects) ? 1 : 0);
        if (given != 1) {
            throw new InvalidSpecException("s3 inputSource needs exactly one of uris, prefixes or objects");
        }
        checkScheme(uris, "uris");
        checkScheme(prefixes, "prefixes");
    }

    public static S3InputSource ofUris(List<String> uris) {
        return new S3InputSource(uris, null, null, null, null);
    }

    public static S3InputSource ofPrefixes(List<String> prefixes) {
        return new S3InputSource(null, prefixes, null, null, null);
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "s3";
    }

    private static boolean isSet(List<?> list) {
        return list != null && !list.isEmpty();
    }

    private static void checkScheme(List<String> values, String field) {
        if (values == null) {
            return;
        }
        for (String value : values) {
            if (!value.startsWith("s3://") || value.length() <= "s3://".length()) {
                throw InvalidSpecException.of(
                        "s3 inputSource %s entry [%s] must be an s3://bucket/key URI", field, value);
            }
        }
    }
}
