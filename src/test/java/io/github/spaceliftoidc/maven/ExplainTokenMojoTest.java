package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.maven.InitAndExplainMojoTest.RecordingLog;
import io.github.spaceliftoidc.testing.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} with {@code token}: from the environment or a file, with the clock and environment it is given. */
@MojoTest
class ExplainTokenMojoTest {

  private static final String POM = "classpath:/unit/generate/pom.xml";

  private static Map<String, Object> claims() {
    Map<String, Object> claims = Tokens.tracked("network-prod");
    claims.put("iss", "https://acme.app.spacelift.io");
    claims.put("aud", "acme.app.spacelift.io");
    return claims;
  }

  @Test
  @InjectMojo(goal = "explain", pom = POM)
  void readsTheTokenFromSpaceliftsVariable(ExplainMojo mojo) throws Exception {
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    String jwt = Tokens.jwt(claims());
    mojo.token = "env";
    mojo.environment = Map.of("SPACELIFT_OIDC_TOKEN", jwt)::get;
    mojo.clock = Clock.fixed(Tokens.ISSUED.plusSeconds(60), ZoneOffset.UTC);

    mojo.execute();

    assertTrue(log.info.get(0).startsWith("The token in SPACELIFT_OIDC_TOKEN ("), log.info.get(0));
    assertTrue(log.info.contains("This token may assume 1 role:"), String.join("\n", log.info));
    assertTrue(log.info.stream().noneMatch(line -> line.contains(jwt.substring(jwt.lastIndexOf('.') + 1))),
        "the token is not logged");
  }

  @Test
  @InjectMojo(goal = "explain", pom = POM)
  void aClaimWithControlCharactersCannotForgeALogLine(ExplainMojo mojo) throws Exception {
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    Map<String, Object> claims = claims();
    claims.put("callerId", "network-prod\n[INFO] BUILD SUCCESS\u001b[2K");
    mojo.token = "env";
    mojo.environment = Map.of("SPACELIFT_OIDC_TOKEN", Tokens.jwt(claims))::get;
    mojo.clock = Clock.fixed(Tokens.ISSUED.plusSeconds(60), ZoneOffset.UTC);

    mojo.execute();

    assertTrue(log.info.stream().anyMatch(line -> line.contains("[INFO] BUILD SUCCESS")), String.join("\n", log.info));
    assertTrue(log.info.stream().noneMatch(line -> line.indexOf('\n') >= 0 || line.indexOf('\u001b') >= 0),
        String.join("\n", log.info));
  }

  @Test
  @InjectMojo(goal = "explain", pom = POM)
  void readsATokenFileRelativeToTheBaseDirectory(ExplainMojo mojo, @TempDir Path directory) throws Exception {
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    Files.writeString(directory.resolve("spacelift.oidc"), Tokens.jwt(claims()) + "\n");
    mojo.baseDirectory = directory.toFile();
    mojo.token = "spacelift.oidc";
    mojo.clock = Clock.fixed(Tokens.ISSUED.plusSeconds(2 * 3600), ZoneOffset.UTC);

    mojo.execute();

    assertTrue(log.info.contains("time      REFUSED: the token expired 1 h ago (exp 2026-03-02T11:00:00Z). A"
        + " Spacelift token is valid for one hour: this one is from an earlier run, or its run took longer than"
        + " that."), String.join("\n", log.info));
  }

  @Test
  @InjectMojo(goal = "explain", pom = POM)
  void aMalformedTokenIsABuildFailureWithoutTheToken(ExplainMojo mojo) throws Exception {
    mojo.setLog(new RecordingLog());
    mojo.token = "env";
    mojo.environment = Map.of("SPACELIFT_OIDC_TOKEN", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0")::get;

    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

    assertEquals("The token in SPACELIFT_OIDC_TOKEN has 2 parts separated by dots, but a signed JWT has 3 (header,"
        + " claims, signature): was it cut or joined with something else when it was copied?",
        failure.getMessage());
  }

  @Test
  @InjectMojo(goal = "explain", pom = POM)
  void aTokenAndASubjectAreOneTooMany(ExplainMojo mojo) {
    mojo.setLog(new RecordingLog());
    mojo.token = "env";
    mojo.subject = "space:x:stack:y:run_type:TRACKED:scope:write";

    MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

    assertEquals("Set either token or subject (with audience), not both: the token carries its own sub and aud.",
        failure.getMessage());
  }
}
