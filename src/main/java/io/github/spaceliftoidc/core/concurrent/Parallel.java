package io.github.spaceliftoidc.core.concurrent;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Maps a list on every core (at most {@value #MAX_WORKERS}) and returns the results in the list's order, so output
 * stays deterministic. Used for the per-file work of large organisations (rendering, reading and writing thousands of
 * files), where each item is independent of the others.
 *
 * <p>Failures behave as in a sequential loop: the exception of the first failing item (by position) is rethrown as
 * it was thrown, in the caller's thread, and items after it may or may not have run. The caller's thread works too,
 * and each extra worker is a short-lived daemon thread with the caller's context class loader, so nothing outlives
 * the call or leaks between the modules of a parallel Maven build.
 */
public final class Parallel {

  /** Beyond two or three threads, file systems and the small per-file tasks stop scaling. */
  static final int MAX_WORKERS = 4;

  /** Below this many items, a thread costs more than it saves. */
  static final int MIN_ITEMS = 64;

  private Parallel() {}

  /**
   * {@code items.stream().map(function).toList()}, on several threads; results may be null.
   *
   * @throws RuntimeException or Error: the first failing item's, unchanged
   */
  public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> function) {
    int workers = Math.min(Math.min(Runtime.getRuntime().availableProcessors(), MAX_WORKERS), items.size() / 8);
    if (workers < 2 || items.size() < MIN_ITEMS) {
      Object[] results = new Object[items.size()];
      for (int i = 0; i < results.length; i++) {
        results[i] = function.apply(items.get(i));
      }
      return list(results);
    }
    Job<T, R> job = new Job<>(items, function);
    Thread[] threads = new Thread[workers - 1];
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(job::work, "spacelift-oidc-worker-" + (i + 1));
      threads[i].setDaemon(true);
      threads[i].setContextClassLoader(loader);
      threads[i].start();
    }
    job.work();
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the workers finish their current item and stop soon anyway
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return job.result();
  }

  /** The shared state of one call: the next item to take, the results, and the first failure. */
  private static final class Job<T, R> {
    private final List<T> items;
    private final Function<? super T, ? extends R> function;
    private final Object[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicReferenceArray<Throwable> failures;

    Job(List<T> items, Function<? super T, ? extends R> function) {
      this.items = items;
      this.function = function;
      this.results = new Object[items.size()];
      this.failures = new AtomicReferenceArray<>(items.size());
    }

    void work() {
      int i;
      // Items are taken in order, so every item before a failure was taken and runs to its end: the first failure
      // by position is then exactly the one a sequential loop would have thrown.
      while ((i = next.getAndIncrement()) < results.length && i < firstFailure.get()) {
        try {
          results[i] = function.apply(items.get(i));
        } catch (RuntimeException | Error e) {
          failures.set(i, e);
          firstFailure.accumulateAndGet(i, Math::min);
        }
      }
    }

    /** Called after every worker has ended (join: their writes are visible). */
    List<R> result() {
      int failed = firstFailure.get();
      if (failed != Integer.MAX_VALUE) {
        Throwable failure = failures.get(failed);
        if (failure instanceof Error error) {
          throw error;
        }
        throw (RuntimeException) failure;
      }
      return list(results);
    }
  }

  @SuppressWarnings("unchecked")
  private static <R> List<R> list(Object[] results) {
    return (List<R>) Collections.unmodifiableList(Arrays.asList(results));
  }
}
