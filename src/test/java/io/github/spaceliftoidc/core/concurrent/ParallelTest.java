package io.github.spaceliftoidc.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The parallel map keeps the input order and fails exactly as a sequential loop would. */
class ParallelTest {

  private static final List<Integer> MANY = IntStream.range(0, 5_000).boxed().toList();

  @Test
  void resultsComeInTheInputsOrderWithNulls() {
    List<String> results = Parallel.map(MANY, i -> i % 7 == 0 ? null : "item " + i);

    assertEquals(MANY.size(), results.size());
    for (int i = 0; i < MANY.size(); i++) {
      if (i % 7 == 0) {
        assertNull(results.get(i));
      } else {
        assertEquals("item " + i, results.get(i));
      }
    }
  }

  @Test
  void theFirstFailureByPositionIsRethrownUnchanged() {
    IllegalStateException first = new IllegalStateException("item 1234");
    // Later items fail too, and sooner (they do no work), which a naive "first to fail" would report instead.
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> Parallel.map(MANY, i -> {
      if (i == 1234) {
        busyWork();
        throw first;
      }
      if (i > 1234 && i % 10 == 0) {
        throw new IllegalArgumentException("item " + i);
      }
      return i;
    }));

    assertSame(first, thrown);
  }

  @Test
  void errorsAreRethrownUnchangedToo() {
    AssertionError error = new AssertionError("boom");
    assertSame(error, assertThrows(AssertionError.class, () -> Parallel.map(MANY, i -> {
      if (i == 4_000) {
        throw error;
      }
      return i;
    })));
  }

  @Test
  void largeListsUseSeveralThreadsWithTheCallersClassLoader() {
    assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores");
    ClassLoader loader = new URLClassLoader(new URL[0], getClass().getClassLoader());
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Set<ClassLoader> loaders = ConcurrentHashMap.newKeySet();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Parallel.map(MANY, i -> {
        threads.add(Thread.currentThread().getName());
        loaders.add(Thread.currentThread().getContextClassLoader());
        busyWork();
        return i;
      });
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }

    assertTrue(threads.size() >= 2, "ran on " + threads);
    assertEquals(Set.of(loader), loaders);
  }

  @Test
  void smallListsStayInTheCallersThread() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Integer> results = Parallel.map(List.of(1, 2, 3), i -> {
      threads.add(Thread.currentThread());
      return i * 2;
    });

    assertEquals(List.of(2, 4, 6), results);
    assertEquals(Set.of(Thread.currentThread()), threads);
  }

  private static void busyWork() {
    long sum = 0;
    for (int i = 0; i < 2_000; i++) {
      sum += Integer.toString(i).hashCode();
    }
    if (sum == 42) {
      throw new IllegalStateException("unreachable: keeps the loop from being optimised away");
    }
  }
}
