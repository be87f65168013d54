package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.List;

/**
 * Druid's {@code local} input source: files on the Druid workers' own disks (for tests and proofs of concept).
 *
 * @param baseDir directory searched recursively; requires {@code filter}
 * @param filter wildcard such as {@code *.csv}
 * @param files explicit file paths
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalInputSource(String baseDir, String filter, List<String> files) implements InputSource {

    public LocalInputSource {
        files = Checks.copy(files, "local inputSource files");
        if (baseDir == null && (files == null || files.isEmpty())) {
            throw new InvalidSpecException("local inputSource needs baseDir or files");
        }
        if (baseDir != null && filter == null) {
            throw InvalidSpecException.of("local inputSource with baseDir [%s] needs a filter such as *", baseDir);
        }
    }

    public static LocalInputSource ofFile(String path) {
        return new LocalInputSource(null, null, List.of(path));
    }

    @Override
    @JsonIgnore
    public String typeName() {
        return "local";
    }
}
