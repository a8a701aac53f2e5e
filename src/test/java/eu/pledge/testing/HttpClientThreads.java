package eu.pledge.testing;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The threads a JDK {@code HttpClient} starts when it is built ({@code HttpClient-1-SelectorManager}, …): a class
 * that builds its client only when it first sends something starts none by being created.
 */
public final class HttpClientThreads {

	private HttpClientThreads() {
	}

	/** The HttpClient threads that {@code action} left running besides those running before it. */
	public static Set<String> startedBy(Runnable action) {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		action.run();
		return Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread))
				.map(Thread::getName).filter(name -> name.startsWith("HttpClient-")).collect(Collectors.toSet());
	}
}
