package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How Druid parses the bytes of an input ({@code ioConfig.inputFormat}). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CsvInputFormat.class, name = "csv"),
    @JsonSubTypes.Type(value = DelimitedInputFormat.class, name = "tsv"),
    @JsonSubTypes.Type(value = JsonInputFormat.class, name = "json")
})
public sealed interface InputFormat permits CsvInputFormat, DelimitedInputFormat, JsonInputFormat {

    /** Druid's {@code type} name of this format. */
    String typeName();
}
