package eu.pledge.patrol;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import eu.pledge.shared.Rejected;

/**
 * The live feed of detections for administrators' pages (Server-Sent Events). Each detection is sent once it is
 * committed, from a thread of its own: a slow browser never holds up the judging, and under a flood the surplus
 * is left out of the feed (the detections themselves are all stored). At most {@link #MAX_LISTENERS} pages listen.
 */
@Component
class PatrolFeed implements DisposableBean, SmartLifecycle {

	static final int MAX_LISTENERS = 50;
	private static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;

	private final DetectionRecords detections;
	private volatile boolean running;
	private final List<SseEmitter> listeners = new CopyOnWriteArrayList<>();
	private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1000), runnable -> {
				Thread thread = new Thread(runnable, "patrol-feed");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.DiscardPolicy());

	PatrolFeed(DetectionRecords detections) {
		this.detections = detections;
	}

	SseEmitter listen() {
		if (listeners.size() >= MAX_LISTENERS) {
			throw new Rejected(HttpStatus.SERVICE_UNAVAILABLE, "Too many pages are following the feed; try again later.");
		}
		SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
		emitter.onCompletion(() -> listeners.remove(emitter));
		emitter.onTimeout(() -> listeners.remove(emitter));
		emitter.onError(ex -> { // the page went away: end the response too, or it would stay open until its timeout
			listeners.remove(emitter);
			emitter.complete();
		});
		listeners.add(emitter);
		try {
			emitter.send(SseEmitter.event().comment("following")); // the browser knows at once that it is connected
		}
		catch (IOException ex) {
			listeners.remove(emitter);
		}
		return emitter;
	}

	/**
	 * Sends the detection once its transaction has committed. A plain listener with a synchronization rather than a
	 * transactional event listener: Spring Modulith would keep every detection's event (with its account id) in
	 * the publication registry, for a feed that has nothing to deliver after a restart.
	 */
	@EventListener
	void on(PatrolDetected detected) {
		if (listeners.isEmpty()) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					send(detected);
				}
			});
		}
		else {
			send(detected);
		}
	}

	private void send(PatrolDetected detected) {
		sender.execute(() -> detections.find(detected.detectionId()).ifPresent(detection -> {
			PatrolAdminApi.DetectionView view = PatrolAdminApi.view(detection);
			for (SseEmitter emitter : listeners) {
				try {
					emitter.send(SseEmitter.event().name("detection").id(Long.toString(view.id())).data(view));
				}
				catch (IOException | IllegalStateException ex) {
					listeners.remove(emitter); // the page went away
				}
			}
		}));
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** In the first shutdown phase, before the web server's graceful shutdown (which waits for open responses). */
	@Override
	public void stop() {
		running = false;
		listeners.forEach(SseEmitter::complete);
		listeners.clear();
	}

	@Override
	public void destroy() {
		sender.shutdownNow();
		stop();
	}
}
