package eu.pledge.privacy.spi;

import java.util.List;

import eu.pledge.shared.AccountId;

/**
 * A module that must refuse an erasure while some duty of the account remains (e.g. the last owner of an
 * organisation). Asked before anything is erased; an empty list lets the erasure go ahead.
 */
public interface ErasureObjections {

	List<ErasureObjection> objectionsTo(AccountId account);
}
