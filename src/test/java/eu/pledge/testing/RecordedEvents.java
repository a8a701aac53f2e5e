package eu.pledge.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/**
 * Every Pledge event published in the application, in order, from any thread (a request's or a test's).
 * {@code @Import(RecordedEvents.class)} and autowire it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordedEvents {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@EventListener
	void on(Object event) {
		if (event.getClass().getPackageName().startsWith("eu.pledge")) {
			events.add(event);
		}
	}

	public List<Object> all() {
		return events;
	}

	public <T> List<T> of(Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast).toList();
	}
}
