package eu.pledge.shared;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused master key into Spring Boot's "APPLICATION FAILED TO START" report: what, and what to do. */
class MasterKeyMismatchAnalyzer extends AbstractFailureAnalyzer<MasterKeyCheck.MasterKeyMismatchException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyCheck.MasterKeyMismatchException cause) {
		return new FailureAnalysis(cause.getMessage(), """
				Start with the master key this database was first started with: set pledge.vault.master-key \
				(PLEDGE_VAULT_MASTER_KEY) to it, or point pledge.vault.master-key-file (or pledge.data-dir) at its key \
				file. Every node sharing the database needs that same key. Do not delete the vault's key check to \
				get past this: the data keys would still not open.""", cause);
	}
}
