package eu.pledge.errors.tracker;

/**
 * Marks the threads that are storing an error right now, so that an error while storing errors (the database
 * is down, say) is not captured again, and again: the appender ignores ERROR events from a guarded thread.
 */
public final class CaptureGuard {

	private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);

	private CaptureGuard() {
	}

	public static boolean active() {
		return ACTIVE.get();
	}

	public static boolean enter() {
		boolean was = ACTIVE.get();
		ACTIVE.set(Boolean.TRUE);
		return was;
	}

	public static void leave(boolean was) {
		ACTIVE.set(was);
	}
}
