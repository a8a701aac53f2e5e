package eu.pledge.privacy;

/** Where a data-subject request stands. Completed and rejected requests are closed. */
public enum RequestStatus {

	OPEN, EXTENDED, COMPLETED, REJECTED;

	public boolean closed() {
		return this == COMPLETED || this == REJECTED;
	}
}
