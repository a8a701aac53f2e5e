package eu.pledge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The same request many times at once, the way forty tabs or a retrying client send it: every call waits at one
 * gate and all are released together; the answers come back in the order of the calls.
 */
public final class AtOnce {

	private AtOnce() {
	}

	/** Makes the same call {@code count} times, released together. */
	public static <T> List<T> times(int count, Callable<T> call) throws Exception {
		return run(count, i -> call);
	}

	/** Runs {@code count} calls, the {@code i}th made by {@code call.apply(i)}, released together. */
	public static <T> List<T> run(int count, IntFunction<Callable<T>> call) throws Exception {
		return run(count, call, () -> {
		});
	}

	/** As {@link #run(int, IntFunction)}, running {@code meanwhile} on this thread once the calls are released. */
	public static <T> List<T> run(int count, IntFunction<Callable<T>> call, Runnable meanwhile) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Callable<T> one = call.apply(i);
				sent.add(pool.submit(() -> {
					start.await();
					return one.call();
				}));
			}
			start.countDown();
			meanwhile.run();
			List<T> answers = new ArrayList<>();
			for (Future<T> answer : sent) {
				answers.add(answer.get(120, TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
