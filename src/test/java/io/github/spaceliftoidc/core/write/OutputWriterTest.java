package io.github.spaceliftoidc.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import io.github.spaceliftoidc.core.write.OutputWriter.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a real directory: what it writes, leaves alone, deletes and refuses to touch. */
class OutputWriterTest {

  private static final String HEADER = GeneratedFile.HEADER + "\n";
  private static final FileTime LONG_AGO = FileTime.fromMillis(946_684_800_000L); // 2000-01-01

  @TempDir
  Path out;

  private static GeneratedFile file(String path, String owner, String body) {
    return new GeneratedFile(path, HEADER + body + "\n", owner);
  }

  private static GeneratedFile stack(String id, String body) {
    return file("stacks/" + id + "/spacelift-oidc-provider.tf", "stack:" + id, body);
  }

  private static GeneratedFile account(String directory, String name, String body) {
    return file(directory + "/spacelift-oidc-iam.tf", "account:" + name, body);
  }

  private SyncResult write(GeneratedFile... files) {
    return new OutputWriter(out).write(List.of(files), Selection.ALL::owns);
  }

  private Map<String, Kind> kinds(SyncResult result) {
    return result.changes().stream().collect(Collectors.toMap(FileChange::path, FileChange::kind, (a, b) -> a,
        TreeMap::new));
  }

  /** Every file below the output directory with its content and mtime: equal snapshots mean nothing was touched. */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path path : walk.sorted().toList()) {
        String key = out.relativize(path).toString().replace('\\', '/');
        if (key.equals(OutputLock.FILE_NAME)) {
          assertEquals(0, Files.size(path), "the lock file holds no journal once a run is done");
          continue;
        }
        files.put(key, Files.isDirectory(path) ? "<dir>"
            : Files.readString(path, StandardCharsets.UTF_8) + " @" + Files.getLastModifiedTime(path).toMillis());
      }
    }
    return files;
  }

  private void backdateEverything() throws IOException {
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(path, LONG_AGO);
      }
    }
  }

  private String read(String path) throws IOException {
    return Files.readString(out.resolve(path), StandardCharsets.UTF_8);
  }

  private Manifest manifest() {
    return new OutputWriter(out).readManifest();
  }

  @Test
  void aSecondRunWithTheSameFilesTouchesNothingNotEvenTheMtimes() throws IOException {
    GeneratedFile iam = account("iam/production", "production", "a");
    GeneratedFile app = stack("app", "b");
    SyncResult first = write(iam, app);
    assertEquals(2, first.count(Kind.CREATE));
    backdateEverything();
    Map<String, String> before = snapshot();

    SyncResult second = write(iam, app);

    assertEquals(Map.of(iam.path(), Kind.UNCHANGED, app.path(), Kind.UNCHANGED), kinds(second));
    assertFalse(second.manifestChanged());
    assertEquals(List.of(), second.written());
    assertEquals(before, snapshot(), "no file, not even the manifest, was rewritten");
  }

  @Test
  void countsCreatedUpdatedUnchangedAndDeletedFiles() throws IOException {
    write(stack("same", "1"), stack("changed", "1"), stack("removed", "1"));

    SyncResult result = write(stack("same", "1"), stack("changed", "2"), stack("added", "1"));

    assertEquals(Map.of(
        "stacks/added/spacelift-oidc-provider.tf", Kind.CREATE,
        "stacks/changed/spacelift-oidc-provider.tf", Kind.UPDATE,
        "stacks/removed/spacelift-oidc-provider.tf", Kind.DELETE,
        "stacks/same/spacelift-oidc-provider.tf", Kind.UNCHANGED), kinds(result));
    assertEquals(HEADER + "2\n", read("stacks/changed/spacelift-oidc-provider.tf"));
    assertFalse(Files.exists(out.resolve("stacks/removed")), "the emptied directory is pruned");
    assertEquals(Set.of("stacks/added/spacelift-oidc-provider.tf", "stacks/changed/spacelift-oidc-provider.tf",
        "stacks/same/spacelift-oidc-provider.tf"), manifest().entries().keySet());
    assertTrue(result.manifestChanged());
  }

  @Test
  void aForeignFileInTheWayFailsNamingItAndNothingIsWritten() throws IOException {
    Files.createDirectories(out.resolve("stacks/app"));
    Files.writeString(out.resolve("stacks/app/spacelift-oidc-provider.tf"), "# my own provider\n");
    Map<String, String> before = snapshot();

    UserInputException failure = assertThrows(UserInputException.class,
        () -> write(stack("app", "generated"), stack("other", "generated")));

    assertTrue(failure.getMessage().contains("  stacks/app/spacelift-oidc-provider.tf"), failure.getMessage());
    assertFalse(failure.getMessage().contains("stacks/other"), failure.getMessage());
    assertEquals(before, snapshot(), "neither the other file nor a manifest was written; the foreign file is as it was");
  }

  @Test
  void aDirectoryOrAFileWhereADirectoryMustBeIsInTheWayToo() throws IOException {
    Files.createDirectories(out.resolve("stacks/app/spacelift-oidc-provider.tf"));
    Files.createDirectories(out.resolve("stacks"));
    Files.writeString(out.resolve("stacks/web"), "a file, not a directory\n");
    Map<String, String> before = snapshot();

    UserInputException failure = assertThrows(UserInputException.class,
        () -> write(stack("app", "x"), stack("web", "y"), stack("ok", "z")));

    assertTrue(failure.getMessage().contains("stacks/app/spacelift-oidc-provider.tf (a directory, where the plugin writes a file)"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("stacks/web (a file where the directory of"
        + " stacks/web/spacelift-oidc-provider.tf must be)"), failure.getMessage());
    assertEquals(before, snapshot());
  }

  @Test
  void aRemovedStackLosesOnlyItsGeneratedFilesAndKeepsHandWrittenOnesWithTheirDirectory() throws IOException {
    write(account("iam/production", "production", "a"), stack("app", "b"), stack("data", "c"), stack("gone", "d"));
    Files.writeString(out.resolve("stacks/data/main.tf"), "resource \"null_resource\" \"x\" {}\n");
    backdateEverything();
    Map<String, String> before = snapshot();

    SyncResult result = write(account("iam/production", "production", "a"), stack("app", "b"));

    assertEquals(List.of("stacks/data/spacelift-oidc-provider.tf", "stacks/gone/spacelift-oidc-provider.tf"),
        result.drift().stream().map(FileChange::path).toList());
    assertTrue(result.drift().stream().allMatch(change -> change.kind() == Kind.DELETE));
    Map<String, String> after = snapshot();
    assertEquals(before.get("stacks/data/main.tf"), after.get("stacks/data/main.tf"), "the hand-written file stays");
    assertEquals("<dir>", after.get("stacks/data"), "its directory stays");
    assertFalse(after.containsKey("stacks/gone"), "a directory that held only generated files is pruned");
    assertEquals(before.get("stacks/app/spacelift-oidc-provider.tf"),
        after.get("stacks/app/spacelift-oidc-provider.tf"));
    assertEquals(before.get("iam/production/spacelift-oidc-iam.tf"), after.get("iam/production/spacelift-oidc-iam.tf"));
  }

  @Test
  void aNoLongerGeneratedFileThatLostItsHeaderIsKeptAndReported() throws IOException {
    write(stack("app", "b"), stack("old", "c"));
    Files.writeString(out.resolve("stacks/old/spacelift-oidc-provider.tf"), "# now mine\n");

    SyncResult result = write(stack("app", "b"));

    assertEquals(List.of("stacks/old/spacelift-oidc-provider.tf: the manifest lists it, but it does not start with"
        + " the header line, so it counts as hand-written (someone removed the header, or edited the manifest)"),
        result.kept());
    assertEquals(List.of(), result.drift());
    assertEquals("# now mine\n", read("stacks/old/spacelift-oidc-provider.tf"));
    assertFalse(manifest().entries().containsKey("stacks/old/spacelift-oidc-provider.tf"),
        "it is no longer ours, so the manifest forgets it");
  }

  @Test
  void aGeneratedFileWhoseNameChangedIsReplacedAndItsOldDirectoryPruned() {
    write(account("iam/prod", "production", "a"));

    SyncResult result = write(account("iam/production", "production", "a"));

    assertEquals(Map.of("iam/prod/spacelift-oidc-iam.tf", Kind.DELETE,
        "iam/production/spacelift-oidc-iam.tf", Kind.CREATE), kinds(result));
    assertFalse(Files.exists(out.resolve("iam/prod")));
    assertEquals(Map.of("iam/production/spacelift-oidc-iam.tf", "account:production"), manifest().entries());
  }

  @Test
  void filteredRunsKeepTheFilesAndManifestEntriesOfOtherOwners() throws IOException {
    write(account("iam/production", "production", "a"), account("iam/staging", "staging", "b"),
        stack("app", "c"), stack("web", "d"));
    backdateEverything();
    Map<String, String> before = snapshot();
    Selection onlyApp = new Selection(Set.of("app"), Set.of("staging"));

    SyncResult result = new OutputWriter(out).write(
        List.of(stack("app", "c2"), account("iam/staging", "staging", "b")), onlyApp::owns);

    assertEquals(Map.of("stacks/app/spacelift-oidc-provider.tf", Kind.UPDATE,
        "iam/staging/spacelift-oidc-iam.tf", Kind.UNCHANGED), kinds(result));
    Map<String, String> after = snapshot();
    for (String other : List.of("iam/production/spacelift-oidc-iam.tf", "stacks/web/spacelift-oidc-provider.tf")) {
      assertEquals(before.get(other), after.get(other), other + " belongs to another module");
    }
    assertEquals(Map.of("iam/production/spacelift-oidc-iam.tf", "account:production",
        "iam/staging/spacelift-oidc-iam.tf", "account:staging",
        "stacks/app/spacelift-oidc-provider.tf", "stack:app",
        "stacks/web/spacelift-oidc-provider.tf", "stack:web"), manifest().entries());
  }

  @Test
  void aFilteredRunStillDeletesItsOwnFileWhenItsNameChanges() {
    write(stack("app", "c"), stack("web", "d"));
    GeneratedFile moved = file("stacks/application/spacelift-oidc-provider.tf", "stack:app", "c");

    SyncResult result = new OutputWriter(out).write(List.of(moved), new Selection(Set.of("app"), Set.of())::owns);

    assertEquals(Map.of("stacks/app/spacelift-oidc-provider.tf", Kind.DELETE, moved.path(), Kind.CREATE),
        kinds(result));
    assertTrue(Files.exists(out.resolve("stacks/web/spacelift-oidc-provider.tf")));
  }

  @Test
  void checkWritesNothingAndReportsCreateUpdateWithADiffAndDelete() throws IOException {
    write(stack("same", "same"), stack("changed", "line one\nline two"), stack("removed", "x"));
    backdateEverything();
    Map<String, String> before = snapshot();

    SyncResult result = new OutputWriter(out).check(
        List.of(stack("same", "same"), stack("changed", "line one\nline 2"), stack("added", "y")), Selection.ALL::owns);

    assertEquals(Map.of(
        "stacks/added/spacelift-oidc-provider.tf", Kind.CREATE,
        "stacks/changed/spacelift-oidc-provider.tf", Kind.UPDATE,
        "stacks/removed/spacelift-oidc-provider.tf", Kind.DELETE,
        "stacks/same/spacelift-oidc-provider.tf", Kind.UNCHANGED), kinds(result));
    String diff = result.changes().stream().filter(change -> change.kind() == Kind.UPDATE).findFirst().orElseThrow()
        .diff();
    assertTrue(diff.contains("--- stacks/changed/spacelift-oidc-provider.tf (on disk)"), diff);
    assertTrue(diff.contains("\n-line two\n"), diff);
    assertTrue(diff.contains("\n+line 2\n"), diff);
    assertTrue(result.manifestChanged());
    assertEquals(List.of(), result.written());
    assertEquals(before, snapshot(), "check writes nothing");
  }

  @Test
  void checkFindsNoDriftRightAfterAWrite() {
    List<GeneratedFile> files = List.of(stack("app", "a"), account("iam/x", "x", "b"));
    new OutputWriter(out).write(files, Selection.ALL::owns);

    SyncResult result = new OutputWriter(out).check(files, Selection.ALL::owns);

    assertEquals(List.of(), result.drift());
    assertFalse(result.manifestChanged());
  }

  @Test
  void aManifestEntryLeadingOutOfTheOutputDirectoryIsNeverTouched(@TempDir Path elsewhere) throws IOException {
    Path outside = elsewhere.resolve("victim.tf");
    Files.writeString(outside, HEADER + "not yours\n");
    write(stack("app", "a"));
    Path manifestFile = out.resolve(Manifest.FILE_NAME);
    String relativeOutside = out.relativize(outside).toString().replace('\\', '/');
    Files.writeString(manifestFile, Files.readString(manifestFile) + "stack:app " + relativeOutside + "\n"
        + "stack:app " + outside.toAbsolutePath() + "\n");

    SyncResult result = write(stack("app", "a"));

    assertTrue(Files.exists(outside), "a file outside the output directory is never deleted");
    assertEquals(List.of(), result.drift());
    assertEquals(Set.of("stacks/app/spacelift-oidc-provider.tf"), manifest().entries().keySet());
  }

  @Test
  void aCrlfCheckoutOfAGeneratedFileIsOursAndUnchanged() throws IOException {
    GeneratedFile app = stack("app", "line one\nline two");
    write(app);
    Path path = out.resolve(app.path());
    Files.writeString(path, app.content().replace("\n", "\r\n"));
    Path manifestFile = out.resolve(Manifest.FILE_NAME);
    Files.writeString(manifestFile, Files.readString(manifestFile).replace("\n", "\r\n"));
    backdateEverything();
    Map<String, String> before = snapshot();

    SyncResult result = write(app);

    assertEquals(Map.of(app.path(), Kind.UNCHANGED), kinds(result));
    assertFalse(result.manifestChanged());
    assertEquals(before, snapshot());
  }

  @Test
  void aManifestWithoutTheHeaderIsAForeignFile() throws IOException {
    Files.writeString(out.resolve(Manifest.FILE_NAME), "my notes\n");

    UserInputException failure = assertThrows(UserInputException.class, () -> write(stack("app", "a")));

    assertTrue(failure.getMessage().contains("  " + Manifest.FILE_NAME), failure.getMessage());
    assertEquals("my notes\n", read(Manifest.FILE_NAME));
    assertFalse(Files.exists(out.resolve("stacks")));
  }

  @Test
  void theHeaderMustBeAWholeLine() {
    byte[] header = GeneratedFile.HEADER.getBytes(StandardCharsets.UTF_8);
    assertTrue(OutputWriter.hasHeader((GeneratedFile.HEADER + "\nx").getBytes(StandardCharsets.UTF_8)));
    assertTrue(OutputWriter.hasHeader((GeneratedFile.HEADER + "\r\nx").getBytes(StandardCharsets.UTF_8)));
    assertFalse(OutputWriter.hasHeader(header), "no line end");
    assertFalse(OutputWriter.hasHeader((GeneratedFile.HEADER + " (edited)\n").getBytes(StandardCharsets.UTF_8)));
    assertFalse(OutputWriter.hasHeader(("# " + GeneratedFile.HEADER + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void lineEndingsAloneDoNotMakeADifferenceButAnythingElseDoes() {
    assertTrue(OutputWriter.sameText("a\r\nb\r\n".getBytes(), "a\nb\n".getBytes()));
    assertTrue(OutputWriter.sameText("a\nb\r\n".getBytes(), "a\nb\n".getBytes()));
    assertFalse(OutputWriter.sameText("a\r\nb".getBytes(), "a\nb\n".getBytes()));
    assertFalse(OutputWriter.sameText("a\rb\n".getBytes(), "a\nb\n".getBytes()));
    assertFalse(OutputWriter.sameText("a\nb\n".getBytes(), "a\nb\r\n".getBytes()));
    assertFalse(OutputWriter.sameText("a\nb\nc".getBytes(), "a\nb\n".getBytes()));
  }
}
