package io.github.spaceliftoidc.core.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real file operations, counted, with one of them made to fail (an {@link IOException}, which the writer handles)
 * or to stop everything dead ({@link Killed}, which it does not catch: no roll-back, no clean-up, as after
 * {@code kill -9}). Records every operation in order.
 */
final class InjectedFiles implements FileOperations {

  /** What the injected call does instead of its work. */
  enum Outcome {
    FAIL,
    KILL
  }

  /** The JVM dying at this point: no handler of the writer's catches it. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed(String operation) {
      super("killed before " + operation);
    }
  }

  private final String operation;
  private final int at;
  private final Outcome outcome;
  private final int killAfter;
  private int calls;
  private boolean fired;
  private int callsSinceFired;
  /** Every operation that ran, e.g. "move .x.tmp -> x". */
  final List<String> log = new ArrayList<>();
  /** Every move: the temporary file and its target. */
  final List<Path[]> moves = new ArrayList<>();
  /** How many calls of the injected operation completed before it was injected (the roll-back's not counted). */
  int completed;

  /**
   * @param operation the operation to inject ("writeTemporary", "move", ...), or "any" for every operation
   * @param at which call of it (from 1); 0 for none
   */
  InjectedFiles(String operation, int at, Outcome outcome) {
    this(operation, at, outcome, 0);
  }

  /**
   * Injects as above, and then kills at the {@code killAfter}-th operation after the injected one (0: never): a run
   * that fails, and is killed while it puts files back.
   */
  InjectedFiles(String operation, int at, Outcome outcome, int killAfter) {
    this.operation = operation;
    this.at = at;
    this.outcome = outcome;
    this.killAfter = killAfter;
  }

  /** No injection: the real operations, recorded. */
  static InjectedFiles recording() {
    return new InjectedFiles("none", 0, Outcome.FAIL);
  }

  /** How many operations a run made (for a recording). */
  int operations() {
    return log.size();
  }

  private void before(String name, Object what) throws IOException {
    if (fired && killAfter > 0 && ++callsSinceFired == killAfter) {
      throw new Killed(name + " " + what + ", " + killAfter + " operations after the injected failure");
    }
    if ((operation.equals(name) || operation.equals("any")) && ++calls == at) {
      fired = true;
      if (outcome == Outcome.KILL) {
        throw new Killed(name + " " + what);
      }
      throw new IOException("injected failure of " + name + " " + what);
    }
  }

  private void after(String name, Object what) {
    log.add(name + " " + what);
    if (operation.equals(name) && !fired) {
      completed++;
    }
  }

  @Override
  public void writeTemporary(Path temporary, byte[] content) throws IOException {
    before("writeTemporary", temporary);
    FileOperations.REAL.writeTemporary(temporary, content);
    after("writeTemporary", temporary);
  }

  @Override
  public void move(Path temporary, Path target) throws IOException {
    before("move", target);
    FileOperations.REAL.move(temporary, target);
    moves.add(new Path[] {temporary, target});
    after("move", target);
  }

  @Override
  public void delete(Path path) throws IOException {
    before("delete", path);
    FileOperations.REAL.delete(path);
    after("delete", path);
  }

  @Override
  public boolean createDirectory(Path directory) throws IOException {
    before("createDirectory", directory);
    boolean created = FileOperations.REAL.createDirectory(directory);
    after("createDirectory", directory);
    return created;
  }

  @Override
  public boolean deleteEmptyDirectory(Path directory) throws IOException {
    before("deleteEmptyDirectory", directory);
    boolean deleted = FileOperations.REAL.deleteEmptyDirectory(directory);
    after("deleteEmptyDirectory", directory);
    return deleted;
  }

  @Override
  public void writeJournal(OutputLock lock, String text) throws IOException {
    before("writeJournal", text.isEmpty() ? "(empty)" : text.lines().count() + " lines");
    FileOperations.REAL.writeJournal(lock, text);
    after("writeJournal", text.isEmpty() ? "(empty)" : text.lines().count() + " lines");
  }

  @Override
  public void appendJournal(OutputLock lock, String text) throws IOException {
    before("appendJournal", text.lines().count() + " lines");
    FileOperations.REAL.appendJournal(lock, text);
    after("appendJournal", text.lines().count() + " lines");
  }
}
