package io.github.spaceliftoidc.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.problem.UserInputException;
import io.github.spaceliftoidc.core.write.FileChange.Kind;
import io.github.spaceliftoidc.core.write.OutputWriter.SyncResult;
import io.github.spaceliftoidc.testing.DirectorySnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links in the output tree. A directory on the way may be a link to a directory inside the real output
 * directory (a monorepo that links {@code stacks -> shared/stacks}, or one stack's directory to its code): the files
 * go where it leads, and no link is ever removed. A link that leads out of the output directory is never written or
 * deleted through, and a generated file itself is never a link. The first three tests are the three shapes of issue
 * 16, each of which unlinked a link or deleted a file outside the tree before.
 */
class SymbolicLinksTest {

  @TempDir
  Path out;

  @TempDir
  Path elsewhere;

  private static GeneratedFile stack(String directory, String id, String body) {
    return new GeneratedFile(directory + "/spacelift-oidc-provider.tf", GeneratedFile.HEADER + "\n" + body + "\n",
        "stack:" + id);
  }

  private SyncResult write(GeneratedFile... files) {
    return new OutputWriter(out).write(List.of(files), Selection.ALL::owns);
  }

  private SyncResult check(GeneratedFile... files) {
    return new OutputWriter(out).check(List.of(files), Selection.ALL::owns);
  }

  @Test
  void aMonorepoThatLinksTheStacksDirectoryKeepsTheLinkWhenAStackIsRemoved() throws IOException {
    Files.createDirectories(out.resolve("shared/stacks"));
    Files.createSymbolicLink(out.resolve("stacks"), Path.of("shared/stacks"));
    write(stack("stacks/network", "network", "n"), stack("stacks/app", "app", "a"));
    assertTrue(Files.isRegularFile(out.resolve("shared/stacks/network/spacelift-oidc-provider.tf")),
        "the files go where the link leads");

    SyncResult result = write(stack("stacks/network", "network", "n"));

    assertEquals(List.of("stacks/app/spacelift-oidc-provider.tf DELETE",
        "stacks/network/spacelift-oidc-provider.tf UNCHANGED"),
        result.changes().stream().map(change -> change.path() + " " + change.kind()).toList());
    assertTrue(Files.isSymbolicLink(out.resolve("stacks")), "the link stays");
    assertTrue(Files.isRegularFile(out.resolve("shared/stacks/network/spacelift-oidc-provider.tf")));
    assertFalse(Files.exists(out.resolve("shared/stacks/app")), "the emptied stack directory is pruned");
    assertTrue(Files.isDirectory(out.resolve("shared/stacks")), "and where the link leads stays, even if empty");
    assertEquals(List.of(), check(stack("stacks/network", "network", "n")).drift());
  }

  @Test
  void aStackDirectoryLinkedToItsCodeKeepsTheLinkAndTheHandWrittenFiles() throws IOException {
    Files.createDirectories(out.resolve("code/app"));
    Files.writeString(out.resolve("code/app/main.tf"), "# mine\n");
    Files.createDirectories(out.resolve("stacks"));
    Files.createSymbolicLink(out.resolve("stacks/app"), Path.of("../code/app"));
    write(stack("stacks/app", "app", "a"), stack("stacks/web", "web", "w"));
    assertTrue(Files.isRegularFile(out.resolve("code/app/spacelift-oidc-provider.tf")));

    write(stack("stacks/web", "web", "w"));

    assertTrue(Files.isSymbolicLink(out.resolve("stacks/app")), "the link stays");
    assertEquals("# mine\n", Files.readString(out.resolve("code/app/main.tf")));
    assertFalse(Files.exists(out.resolve("code/app/spacelift-oidc-provider.tf")), "the generated file went");
  }

  @Test
  void aManifestEntryThroughALinkThatLeadsOutIsNeverDeleted() throws IOException {
    write(stack("stacks/app", "app", "a"));
    Path outsideFile = elsewhere.resolve("x.tf");
    Files.writeString(outsideFile, GeneratedFile.HEADER + "\nnot yours\n");
    Files.createSymbolicLink(out.resolve("link"), elsewhere);
    Path manifest = out.resolve(Manifest.FILE_NAME);
    Files.writeString(manifest, Files.readString(manifest) + "stack:app link/x.tf\n");

    SyncResult result = write(stack("stacks/app", "app", "a"));

    assertEquals(GeneratedFile.HEADER + "\nnot yours\n", Files.readString(outsideFile), "outside: never deleted");
    assertTrue(Files.isSymbolicLink(out.resolve("link")));
    assertEquals(1, result.kept().size(), result.kept().toString());
    assertTrue(result.kept().get(0).startsWith("link/x.tf: the manifest lists it, but the plugin does not delete"
        + " it: link (a symbolic link to " + elsewhere.toRealPath() + ", outside the output directory"),
        result.kept().get(0));
    assertFalse(new OutputWriter(out).readManifest().entries().containsKey("link/x.tf"), "and forgotten");
  }

  @Test
  void aStackDirectoryThroughALinkThatLeadsOutIsRefusedAndNothingIsWritten() throws IOException {
    Files.createSymbolicLink(out.resolve("stacks"), elsewhere);
    DirectorySnapshot outside = DirectorySnapshot.of(elsewhere);

    UserInputException failure = assertThrows(UserInputException.class,
        () -> write(stack("stacks/app", "app", "a"), stack("ok", "ok", "o")));

    assertTrue(failure.getMessage().contains("  stacks (a symbolic link to " + elsewhere.toRealPath()
        + ", outside the output directory " + out.toRealPath() + ")"), failure.getMessage());
    assertTrue(failure.getMessage().contains("A directory on the way may be a symbolic link to a directory inside"
        + " the output directory"), failure.getMessage());
    outside.assertUnchanged("nothing is written where the link leads");
    assertFalse(Files.exists(out.resolve("ok")), "nor anything else");
    assertThrows(UserInputException.class, () -> check(stack("stacks/app", "app", "a")), "check refuses it too");
  }

  @Test
  void aGeneratedFileThatIsALinkIsInTheWayEvenWhenItLeadsInside() throws IOException {
    write(stack("stacks/app", "app", "a"));
    Path file = out.resolve("stacks/app/spacelift-oidc-provider.tf");
    Files.move(file, out.resolve("shared.tf"));
    Files.createSymbolicLink(file, Path.of("../../shared.tf"));

    UserInputException failure = assertThrows(UserInputException.class, () -> write(stack("stacks/app", "app", "b")));

    assertTrue(failure.getMessage().contains("stacks/app/spacelift-oidc-provider.tf (a symbolic link, where the"
        + " plugin writes a file; it never writes through a link or replaces one)"), failure.getMessage());
    assertEquals(GeneratedFile.HEADER + "\na\n", Files.readString(out.resolve("shared.tf")), "not written through");
    assertTrue(Files.isSymbolicLink(file), "nor replaced");
  }

  @Test
  void aStaleGeneratedPathThatIsNowALinkIsKeptWithItsTarget() throws IOException {
    write(stack("stacks/app", "app", "a"), stack("stacks/old", "old", "o"));
    Path stale = out.resolve("stacks/old/spacelift-oidc-provider.tf");
    Files.writeString(out.resolve("notes.tf"), GeneratedFile.HEADER + "\nmy notes\n");
    Files.delete(stale);
    Files.createSymbolicLink(stale, Path.of("../../notes.tf"));

    SyncResult result = write(stack("stacks/app", "app", "a"));

    assertTrue(Files.isSymbolicLink(stale), "a link is never deleted");
    assertEquals(GeneratedFile.HEADER + "\nmy notes\n", Files.readString(out.resolve("notes.tf")));
    assertEquals(1, result.kept().size());
    assertTrue(result.kept().get(0).contains("(a symbolic link, where the plugin writes a file"), result.kept().get(0));
  }

  @Test
  void twoStacksThatALinkMakesOneDirectoryAreRefused() throws IOException {
    Files.createDirectories(out.resolve("shared/stacks"));
    Files.createSymbolicLink(out.resolve("stacks"), Path.of("shared/stacks"));

    UserInputException failure = assertThrows(UserInputException.class,
        () -> write(stack("stacks/network", "a", "a"), stack("shared/stacks/network", "b", "b")));

    assertTrue(failure.getMessage().contains("shared/stacks/network/spacelift-oidc-provider.tf and"
        + " stacks/network/spacelift-oidc-provider.tf are the same file")
        || failure.getMessage().contains("stacks/network/spacelift-oidc-provider.tf and"
        + " shared/stacks/network/spacelift-oidc-provider.tf are the same file"), failure.getMessage());
    assertFalse(Files.exists(out.resolve("shared/stacks/network")), "nothing written");
  }

  @Test
  void anOutputDirectoryThatIsItselfALinkIsWhereItLeads() throws IOException {
    Path real = elsewhere.resolve("real-output");
    Files.createDirectories(real);
    Path link = out.resolve("output");
    Files.createSymbolicLink(link, real);

    SyncResult result = new OutputWriter(link).write(List.of(stack("stacks/app", "app", "a")), Selection.ALL::owns);

    assertEquals(1, result.count(Kind.CREATE));
    assertTrue(Files.isRegularFile(real.resolve("stacks/app/spacelift-oidc-provider.tf")));
    assertTrue(Files.isRegularFile(real.resolve(Manifest.FILE_NAME)));
  }

  @Test
  void aLockFileThatIsALinkIsNeverOpened() throws IOException {
    Path victim = elsewhere.resolve("victim");
    Files.writeString(victim, "precious\n", StandardCharsets.UTF_8);
    Files.createSymbolicLink(out.resolve(OutputLock.FILE_NAME), victim);

    UserInputException failure = assertThrows(UserInputException.class, () -> write(stack("stacks/app", "app", "a")));

    assertTrue(failure.getMessage().contains("is a symbolic link"), failure.getMessage());
    assertEquals("precious\n", Files.readString(victim), "neither truncated nor written");
  }

  @Test
  void aManifestThatIsALinkIsInTheWay() throws IOException {
    Path victim = elsewhere.resolve("victim");
    Files.writeString(victim, GeneratedFile.HEADER + "\nstack:x ../../etc/passwd\n", StandardCharsets.UTF_8);
    Files.createSymbolicLink(out.resolve(Manifest.FILE_NAME), victim);

    UserInputException failure = assertThrows(UserInputException.class, () -> write(stack("stacks/app", "app", "a")));

    assertTrue(failure.getMessage().contains(".spacelift-oidc.manifest (a symbolic link"), failure.getMessage());
    assertTrue(Files.isSymbolicLink(out.resolve(Manifest.FILE_NAME)));
  }
}
