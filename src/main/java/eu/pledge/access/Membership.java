package eu.pledge.access;

/** One organisation a person belongs to, and their role there. */
public record Membership(Organization organization, Role role) {
}
