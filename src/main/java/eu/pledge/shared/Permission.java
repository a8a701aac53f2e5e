package eu.pledge.shared;

/**
 * What a route or an action can require. Organisation permissions are asked about one organisation (its id);
 * {@link #USE_SYSTEM} is asked about {@code system:level}, e.g. {@code crm:editor}.
 * <p>
 * The vocabulary lives in the kernel because every module names it when it declares its {@link Routes}, and
 * most of them may not depend on {@code access} (which depends on {@code accounts}); the decision itself stays
 * in {@code access.Access}.
 */
public enum Permission {

	/** Any signed-in person may manage their own account and exercise their privacy rights. */
	OWN_ACCOUNT,
	/** The vendor's staff: organisations, contracts, the console. */
	PLATFORM_ADMIN,
	/** See an organisation and its member list: its members (and platform administrators). */
	VIEW_ORGANIZATION,
	/** Invite and remove members: the organisation's owners and admins (and platform administrators). */
	MANAGE_MEMBERS,
	/** Use one of the vendor's systems at least at a level: an active contract of one's organisation. */
	USE_SYSTEM
}
