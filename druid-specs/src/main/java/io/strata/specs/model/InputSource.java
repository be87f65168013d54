package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a batch task reads its data ({@code ioConfig.inputSource}). S3 needs Druid's s3 extension. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = S3InputSource.class, name = "s3"),
    @JsonSubTypes.Type(value = LocalInputSource.class, name = "local"),
    @JsonSubTypes.Type(value = HttpInputSource.class, name = "http"),
    @JsonSubTypes.Type(value = InlineInputSource.class, name = "inline")
})
public sealed interface InputSource permits S3InputSource, LocalInputSource, HttpInputSource, InlineInputSource {

    /** Druid's {@code type} name of this input source. */
    String typeName();
}
