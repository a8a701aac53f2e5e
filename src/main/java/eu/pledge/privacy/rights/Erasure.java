package eu.pledge.privacy.rights;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.Holders;
import eu.pledge.privacy.spi.ContactAddresses;
import eu.pledge.privacy.spi.ErasureObjection;
import eu.pledge.privacy.spi.ErasureObjections;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.Reauthentication;
import eu.pledge.shared.AccountId;

/**
 * The right to erasure. After re-authentication, in one transaction: every objection is asked again, every
 * {@link PersonalDataHolder} erases its part and the account's data key is destroyed ({@link Holders#eraseAll},
 * the same erasure the retention rules use), and {@link AccountErased} is published. Either all of it commits or
 * nothing does.
 */
@Service
class Erasure {

	private final Holders holders;
	private final ObjectProvider<ErasureObjections> objections;
	private final ObjectProvider<Reauthentication> reauthentication;
	private final RightsMails mails;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final ObjectProvider<ContactAddresses> accounts;

	Erasure(Holders holders, ObjectProvider<ErasureObjections> objections,
			ObjectProvider<Reauthentication> reauthentication, RightsMails mails, Clock clock,
			ApplicationEventPublisher events, ObjectProvider<ContactAddresses> accounts) {
		this.accounts = accounts;
		this.holders = holders;
		this.objections = objections;
		this.reauthentication = reauthentication;
		this.mails = mails;
		this.clock = clock;
		this.events = events;
	}

	/** Why the account cannot be erased now; empty when it can. */
	List<ErasureObjection> objections(AccountId account) {
		return objections.orderedStream().flatMap(source -> source.objectionsTo(account).stream()).toList();
	}

	/**
	 * Checks the password (and second factor) in a transaction of its own, so nothing published by the check
	 * can be written with the account id after the trail was pseudonymised.
	 */
	void reauthenticate(AccountId account, String password, String code) {
		Reauthentication check = reauthentication.getIfAvailable();
		if (check == null) {
			throw new IllegalStateException("No module confirms credentials; erasure is unavailable");
		}
		check.confirm(account, password, code);
	}

	/**
	 * Erases the account.
	 *
	 * @throws Refused when an objection stands (nothing is erased)
	 */
	@Transactional
	void erase(AccountId account) {
		ContactAddresses directory = accounts.getIfAvailable();
		if (directory != null && !directory.hold(account)) {
			return; // the same erasure, sent at the same moment (a double click, two tabs), erased it and confirmed it
		}
		List<ErasureObjection> standing = objections(account);
		if (!standing.isEmpty()) {
			throw new Refused(standing);
		}
		Optional<String> confirmTo = mails.addressForErasure(account);
		holders.eraseAll(account);
		events.publishEvent(new AccountErased(UUID.randomUUID(), holders.all().size(), clock.instant()));
		confirmTo.ifPresent(mails::erased);
	}

	/** The erasure was refused; {@link #objections()} says why and what to do. */
	static final class Refused extends RuntimeException {

		private final transient List<ErasureObjection> objections;

		Refused(List<ErasureObjection> objections) {
			super("Erasure refused: " + objections.stream().map(ErasureObjection::code).distinct().toList(), null,
					false, false);
			this.objections = List.copyOf(objections);
		}

		List<ErasureObjection> objections() {
			return objections;
		}
	}
}
