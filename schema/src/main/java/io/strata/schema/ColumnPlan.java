package io.strata.schema;

import io.strata.schema.value.TimestampFormat;

/**
 * What inference decided for one column, before validation.
 *
 * @param index position in the source's columns
 * @param name original name
 * @param druidName Druid-safe name
 * @param type value type
 * @param timestampFormat format of a TIMESTAMP column, else null
 * @param booleans for a BOOLEAN column written as text: the accepted true/false spellings, else null
 * @param multiValue values are lists
 * @param reason why, for people
 * @param rewrites Druid cannot read the values as written (decimal comma, thousands separators, yes/no)
 */
record ColumnPlan(
        int index,
        String name,
        String druidName,
        ColumnType type,
        TimestampFormat timestampFormat,
        BooleanSpelling booleans,
        boolean multiValue,
        String reason,
        boolean rewrites) {}
