package io.strata.ingestion.storage;

/** An object that was completely stored. */
public record StoredObject(String key, long size) {}
