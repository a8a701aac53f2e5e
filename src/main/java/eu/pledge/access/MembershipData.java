package eu.pledge.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.accounts.Accounts;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.ErasureObjection;
import eu.pledge.privacy.spi.ErasureObjections;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.RecordKey;
import eu.pledge.shared.Vault;

/**
 * A person's memberships for the rights: their organisations with role and contracts, the access those give,
 * invitations sent to their address (found by the keyed email index) and those they sent. Erasure removes the
 * memberships and the invitations to them; an invitation they sent stays the organisation's, with the sender
 * replaced by {@link #ERASED} (the nil id). Erasure is refused while the person is the last owner of an
 * organisation: it would leave the customer without anyone able to manage it. They make another member an
 * owner first, or ask the vendor to close the organisation.
 */
@Component
@Transactional
class MembershipData implements PersonalDataHolder, ErasureObjections {

	/** Stands for an erased account where a row must name one. */
	static final UUID ERASED = new UUID(0, 0);

	private static final String MEMBERSHIPS = """
			SELECT o.id, o.name, o.status, m.role, m.joined_at FROM access_memberships m
			JOIN access_organizations o ON o.id = m.organization_id WHERE m.account_id = :account ORDER BY o.name, o.id""";
	private static final String INVITED = """
			SELECT i.organization_id, o.name, i.role, i.created_at, i.expires_at, i.invitee_email, i.email_key FROM access_invitations i
			JOIN access_organizations o ON o.id = i.organization_id WHERE i.email_index = :index ORDER BY i.created_at""";
	private static final String SENT = """
			SELECT i.organization_id, o.name, i.role, i.created_at, i.expires_at, NULL, NULL FROM access_invitations i
			JOIN access_organizations o ON o.id = i.organization_id WHERE i.invited_by = :account ORDER BY i.created_at""";
	private static final String LAST_OWNER_OF = """
			SELECT o.name FROM access_memberships m JOIN access_organizations o ON o.id = m.organization_id
			WHERE m.account_id = :account AND m.role = 'OWNER'
			  AND NOT EXISTS (SELECT 1 FROM access_memberships other WHERE other.organization_id = m.organization_id
			    AND other.role = 'OWNER' AND other.account_id <> m.account_id)
			ORDER BY o.name""";
	private static final String ERASE_MEMBERSHIPS = "DELETE FROM access_memberships WHERE account_id = :account";
	private static final String ERASE_SCHEDULE = "DELETE FROM access_noncustomers WHERE account_id = :account";
	private static final String INVITATION_KEYS = """
			SELECT email_key FROM access_invitations WHERE email_index = :index AND email_key IS NOT NULL""";
	private static final String ERASE_INVITATIONS = "DELETE FROM access_invitations WHERE email_index = :index";
	private static final String ANONYMISE_SENDER = "UPDATE access_invitations SET invited_by = :erased WHERE invited_by = :account";

	private final JdbcClient jdbc;
	private final ContractRepository contracts;
	private final Access access;
	private final Accounts accounts;
	private final NonCustomerRepository nonCustomers;
	private final Vault vault;

	MembershipData(JdbcClient jdbc, ContractRepository contracts, Access access, Accounts accounts,
			NonCustomerRepository nonCustomers, Vault vault) {
		this.vault = vault;
		this.nonCustomers = nonCustomers;
		this.jdbc = jdbc;
		this.contracts = contracts;
		this.access = access;
		this.accounts = accounts;
	}

	record OrganizationData(UUID id, String name, String status) {
	}

	record MembershipItem(OrganizationData organization, String role, Instant joinedAt, List<ContractData> contracts) {
	}

	record ContractData(UUID id, String status, Instant startsAt, Instant endsAt, int seats,
			java.util.Map<String, String> systems) {
	}

	/** The account is no longer a customer: why, since when, and when its data is destroyed. */
	record ScheduleItem(String reason, Instant customerUntil, Instant destroyedOn) {
	}

	/** @param sentTo the address an invitation was sent to (received ones only; null before Pledge kept it) */
	record InvitationItem(OrganizationData organization, String role, Instant sentAt, Instant expiresAt, String sentTo) {
		@Override
		public String toString() {
			return "InvitationItem[organization=" + organization.id() + ", role=" + role + "]";
		}
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("memberships", "table:access_memberships", null),
				new DataStore("memberships", "table:access_invitations", null),
				new DataStore("memberships", "table:access_noncustomers", null));
	}

	@Override
	@Transactional(readOnly = true)
	public List<HeldItem> export(AccountId account) {
		List<HeldItem> items = new ArrayList<>();
		jdbc.sql(MEMBERSHIPS).param("account", account.value()).query((rs, row) -> {
			UUID organization = rs.getObject(1, UUID.class);
			return new MembershipItem(new OrganizationData(organization, rs.getString(2), lower(rs.getString(3))),
					lower(rs.getString(4)), rs.getTimestamp(5).toInstant(), List.of());
		}).list().forEach(membership -> items.add(new HeldItem("memberships", "membership",
				new MembershipItem(membership.organization(), membership.role(), membership.joinedAt(),
						contracts.ofOrganization(membership.organization().id()).stream()
								.map(c -> new ContractData(c.id(), lower(c.status().name()), c.startsAt(), c.endsAt(),
										c.seats(), c.systems()))
								.toList()),
				null)));
		access.effectiveAccess(account).forEach(grant -> items.add(new HeldItem("memberships", "system-access",
				java.util.Map.of("system", grant.system(), "level", grant.level(), "contractId",
						grant.contractId().toString(), "organizationId", grant.organizationId().toString()),
				null)));
		emailIndex(account).ifPresent(index -> invitations(INVITED, "index", index).forEach(invitation -> items
				.add(new HeldItem("memberships", "invitation-received", invitation, invitation.expiresAt()))));
		invitations(SENT, "account", account.value()).forEach(invitation -> items
				.add(new HeldItem("memberships", "invitation-sent", invitation, invitation.expiresAt())));
		nonCustomers.scheduled(account).ifPresent(scheduled -> items.add(new HeldItem("memberships",
				"destruction-scheduled", new ScheduleItem(scheduled.departure().reason().key(),
						scheduled.departure().stoppedAt(), scheduled.destroyAt()),
				scheduled.destroyAt())));
		return items;
	}

	@Override
	public void erase(AccountId account) {
		jdbc.sql(ERASE_MEMBERSHIPS).param("account", account.value()).update();
		jdbc.sql(ERASE_SCHEDULE).param("account", account.value()).update();
		emailIndex(account).ifPresent(index -> {
			jdbc.sql(INVITATION_KEYS).param("index", index).query(UUID.class).list()
					.forEach(key -> vault.destroy(new RecordKey(key)));
			jdbc.sql(ERASE_INVITATIONS).param("index", index).update();
		});
		jdbc.sql(ANONYMISE_SENDER).param("erased", ERASED).param("account", account.value()).update();
	}

	@Override
	@Transactional(readOnly = true)
	public List<ErasureObjection> objectionsTo(AccountId account) {
		List<String> organizations = jdbc.sql(LAST_OWNER_OF).param("account", account.value()).query(String.class)
				.list();
		if (organizations.isEmpty()) {
			return List.of();
		}
		return List.of(new ErasureObjection("last-owner", "You are the last owner of "
				+ String.join(", ", organizations)
				+ ". Make another member an owner there (or ask us through the contact form to close the organisation), then erase your account.",
				organizations));
	}

	private List<InvitationItem> invitations(String sql, String name, Object value) {
		return jdbc.sql(sql).param(name, value)
				.query((rs, row) -> new InvitationItem(new OrganizationData(rs.getObject(1, UUID.class), rs.getString(2), null),
						lower(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
						sentTo(rs.getString(6), rs.getObject(7, UUID.class))))
				.list();
	}

	private String sentTo(String sealed, UUID key) {
		try {
			return key == null ? null : vault.open(new RecordKey(key), Memberships.INVITEE_EMAIL, sealed);
		}
		catch (Vault.KeyDestroyedException ex) {
			return null;
		}
	}

	private Optional<String> emailIndex(AccountId account) {
		return accounts.accountKeyOf(account);
	}

	private static String lower(String value) {
		return value.toLowerCase(java.util.Locale.ROOT);
	}
}
