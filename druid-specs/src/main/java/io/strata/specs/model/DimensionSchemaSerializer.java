package io.strata.specs.model;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a plain string dimension as Druid's bare-string shorthand and every other dimension as a typed object.
 * Written by hand because the shorthand depends on the value, which annotations cannot express.
 */
final class DimensionSchemaSerializer extends StdSerializer<DimensionSchema> {

    DimensionSchemaSerializer() {
        super(DimensionSchema.class);
    }

    @Override
    public void serialize(DimensionSchema value, JsonGenerator gen, SerializationContext ctxt) {
        if (value instanceof StringDimensionSchema s && s.isPlain()) {
            gen.writeString(s.name());
            return;
        }
        gen.writeStartObject(value);
        gen.writeStringProperty("type", value.typeName());
        gen.writeStringProperty("name", value.name());
        if (value instanceof StringDimensionSchema s) {
            if (s.multiValueHandling() != null) {
                gen.writeStringProperty(
                        "multiValueHandling", s.multiValueHandling().jsonName());
            }
            if (s.createBitmapIndex() != null) {
                gen.writeBooleanProperty("createBitmapIndex", s.createBitmapIndex());
            }
        }
        gen.writeEndObject();
    }

    @Override
    public void serializeWithType(
            DimensionSchema value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
        // The type id is part of what serialize() writes (or deliberately omits, for the shorthand).
        serialize(value, gen, ctxt);
    }
}
