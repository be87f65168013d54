package io.strata.api.security;

/** Whom a dataset grant names. */
public enum PrincipalKind {
    /** Every caller holding the role (a role includes the ones below it: a grant to viewer covers analysts). */
    ROLE,
    /** Every caller whose token lists the group. */
    GROUP,
    /** One caller, by the token's subject. */
    USER
}
