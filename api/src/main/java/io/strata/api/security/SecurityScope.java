package io.strata.api.security;

/**
 * What the caller may see of the data: a placeholder that is empty today. The security work will give it row-level
 * filters (per dataset, the rows a principal may read); it is already part of every analytics cache key and live
 * query key, so answers computed for one scope are never served to another.
 */
public record SecurityScope() {

    /** The scope of every caller until row-level security exists: everything. */
    public static final SecurityScope UNRESTRICTED = new SecurityScope();
}
