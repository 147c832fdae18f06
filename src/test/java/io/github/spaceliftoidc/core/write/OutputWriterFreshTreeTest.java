package io.github.spaceliftoidc.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.spaceliftoidc.core.plan.Selection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in directories that do not exist yet are known to be new without being opened; anything else in the way is
 * still found before the first write.
 */
class OutputWriterFreshTreeTest {

  @Test
  void filesInMissingDirectoriesAreCreated(@TempDir Path directory) {
    Path output = directory.resolve("not/there/yet");
    List<GeneratedFile> files = files(200);

    OutputWriter.SyncResult first = new OutputWriter(output).write(files, Selection.ALL::owns);
    OutputWriter.SyncResult second = new OutputWriter(output).write(files, Selection.ALL::owns);

    assertEquals(files.size(), first.count(FileChange.Kind.CREATE));
    for (GeneratedFile file : files) {
      assertEquals(file.content(), read(output.resolve(file.path())));
    }
    assertEquals(files.size(), second.count(FileChange.Kind.UNCHANGED));
    assertEquals(0, second.written().size());
  }

  @Test
  void aFileWhereADirectoryMustBeFailsBeforeAnythingIsWritten(@TempDir Path output) throws IOException {
    List<GeneratedFile> files = files(200);
    Files.createDirectories(output.resolve("stacks"));
    Files.writeString(output.resolve("stacks/stack-150"), "my notes\n", StandardCharsets.UTF_8);

    assertThrows(RuntimeException.class, () -> new OutputWriter(output).write(files, Selection.ALL::owns));

    assertFalse(Files.exists(output.resolve("stacks/stack-0")), "nothing was written");
    assertFalse(Files.exists(output.resolve(Manifest.FILE_NAME)));
    assertEquals("my notes\n", read(output.resolve("stacks/stack-150")));
  }

  private static List<GeneratedFile> files(int count) {
    List<GeneratedFile> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(new GeneratedFile("stacks/stack-" + i + "/spacelift-oidc-provider.tf",
          GeneratedFile.HEADER + "\n# stack " + i + "\n", Selection.STACK_PREFIX + "stack-" + i));
    }
    return files;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
