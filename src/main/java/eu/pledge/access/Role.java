package eu.pledge.access;

/** A member's role in their organisation. */
public enum Role {
	/** Manages members, including other owners; an organisation keeps at least one. */
	OWNER,
	/** Manages members, but cannot invite or remove owners. */
	ADMIN,
	MEMBER;

	boolean manages() {
		return this == OWNER || this == ADMIN;
	}
}
