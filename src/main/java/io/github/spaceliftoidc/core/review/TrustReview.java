package io.github.spaceliftoidc.core.review;

import io.github.spaceliftoidc.core.concurrent.Parallel;
import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.RolePlan;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.review.TrustChanges.Change;
import io.github.spaceliftoidc.core.review.TrustChanges.Kind;
import io.github.spaceliftoidc.core.trust.Grant;
import io.github.spaceliftoidc.core.trust.SubjectTemplate;
import io.github.spaceliftoidc.core.trust.TrustPolicy;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import io.github.spaceliftoidc.core.write.Manifest;
import io.github.spaceliftoidc.core.write.OutputWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compares the trust in the IAM root modules on disk with the trust the YAML now asks for. The old trust is read
 * from the generated files themselves (their trust policies' subject, audience and action lists), not from version
 * control and not from a second copy: the files are what Terraform applies. Only the files that differ are read
 * back, so a run whose IAM files are unchanged pays for one comparison of their bytes.
 */
public final class TrustReview {

  private TrustReview() {}

  /**
   * The trust changes that writing {@code files} would make, for the accounts this run answers for: those it renders,
   * and those its manifest lists that the YAML no longer defines.
   *
   * @param owns which owners of the manifest's entries the run answers for, as the writer is told
   */
  public static TrustChanges compare(GenerationPlan plan, Path outputDirectory, List<GeneratedFile> files,
      Predicate<String> owns) {
    Map<String, List<String>> generated = new LinkedHashMap<>();
    Map<String, List<String>> paths = new LinkedHashMap<>();
    for (GeneratedFile file : files) {
      if (file.owner().startsWith(Selection.ACCOUNT_PREFIX)) {
        String account = file.owner().substring(Selection.ACCOUNT_PREFIX.length());
        generated.computeIfAbsent(account, a -> new ArrayList<>()).add(file.content());
        paths.computeIfAbsent(account, a -> new ArrayList<>()).add(file.path());
      }
    }
    Set<String> defined = new HashSet<>();
    plan.accounts().forEach(account -> defined.add(account.name()));
    // The manifest names the account files of earlier runs: a moved directory, or an account that left the YAML.
    readManifestAccounts(outputDirectory).forEach((account, old) -> {
      if (generated.containsKey(account) || !defined.contains(account) && owns.test(Selection.ACCOUNT_PREFIX
          + account)) {
        paths.put(account, old);
      }
    });
    List<String> accounts = List.copyOf(paths.keySet());
    List<List<String>> oldTexts = Parallel.map(accounts, account -> read(outputDirectory, paths.get(account)));
    Map<String, String> changed = new LinkedHashMap<>();
    for (int i = 0; i < accounts.size(); i++) {
      List<String> old = oldTexts.get(i);
      if (!old.equals(generated.get(accounts.get(i)))) {
        changed.put(accounts.get(i), old.isEmpty() ? null : String.join("", old));
      }
    }
    return changed.isEmpty() ? TrustChanges.none() : compare(plan, changed);
  }

  /** "account:production" entries of the manifest on disk, by account: their paths. */
  private static Map<String, List<String>> readManifestAccounts(Path outputDirectory) {
    Map<String, List<String>> paths = new LinkedHashMap<>();
    String text = OutputWriter.readRegularFile(outputDirectory, Manifest.FILE_NAME).orElse(null);
    if (text == null) {
      return paths;
    }
    // Only the few account lines matter; a parse of all stack entries would cost more than the whole comparison.
    for (int start = text.indexOf(Selection.ACCOUNT_PREFIX); start >= 0;
        start = text.indexOf(Selection.ACCOUNT_PREFIX, start + 1)) {
      if (start > 0 && text.charAt(start - 1) != '\n') {
        continue;
      }
      int end = text.indexOf('\n', start);
      String line = text.substring(start, end < 0 ? text.length() : end).strip();
      int space = line.indexOf(' ');
      if (space > 0) {
        paths.computeIfAbsent(line.substring(Selection.ACCOUNT_PREFIX.length(), space), a -> new ArrayList<>())
            .add(line.substring(space + 1));
      }
    }
    return paths;
  }

  /**
   * The generated files at these paths that exist and have the header line, with LF line endings (a CRLF checkout
   * holds the same trust).
   */
  private static List<String> read(Path outputDirectory, List<String> paths) {
    List<String> texts = new ArrayList<>();
    // The writer's view of the tree: a link, a device or a huge file from a pull request is not read (the writer then
    // names it as in the way).
    for (String content : OutputWriter.readRegularFiles(outputDirectory, paths).values()) {
      if (content.startsWith(GeneratedFile.HEADER)) {
        texts.add(content.indexOf('\r') >= 0 ? content.replace("\r\n", "\n") : content);
      }
    }
    return texts;
  }

  /**
   * The trust changes of these accounts, given the text of each one's IAM files on disk (null: there is none).
   * Accounts of the plan that are not in {@code oldTexts} are not compared.
   */
  static TrustChanges compare(GenerationPlan plan, Map<String, String> oldTexts) {
    List<SubjectTemplate> templates = plan.spacelift().subjectTemplates().stream().map(SubjectTemplate::parse)
        .toList();
    Cells cells = new Cells(templates, plan.spaceNamesById());
    Map<String, AccountPlan> accounts = new LinkedHashMap<>();
    plan.accounts().forEach(account -> accounts.put(account.name(), account));
    List<Change> changes = new ArrayList<>();
    oldTexts.forEach((name, text) -> {
      IamFile.Trust old = text == null ? null : IamFile.read(text).orElse(null);
      if (text != null && old == null) {
        changes.add(new Change(Kind.UNREAD, "account " + name, List.of("its IAM file on disk holds no trust policy"
            + " in the plugin's format (a custom template?), so its roles are compared as if they were new")));
      }
      new AccountComparison(name, accounts.get(name), old, cells, templates, changes).run();
    });
    return new TrustChanges(changes);
  }


  /** One account's roles, old against new. */
  private record AccountComparison(String name, AccountPlan account, IamFile.Trust old, Cells cells,
      List<SubjectTemplate> templates, List<Change> changes) {

    void run() {
      Map<String, IamFile.RoleTrust> before = old == null ? Map.of() : old.roles();
      Map<String, RolePlan> after = new LinkedHashMap<>();
      if (account != null) {
        account.roles().forEach(role -> after.put(role.name(), role));
      }
      Map<String, String> hosts = new LinkedHashMap<>();
      Map<String, String> audiences = new LinkedHashMap<>();
      Set<String> roles = new LinkedHashSet<>(before.keySet());
      roles.addAll(after.keySet());
      for (String role : roles) {
        IamFile.RoleTrust was = before.get(role);
        RolePlan is = after.get(role);
        String subject = "role `" + role + "` (account " + name + ")";
        if (was == null) {
          changes.add(new Change(Kind.WIDER, subject + " is new" + (is.trustPolicy().actions()
              .contains(TrustPolicy.TAG_SESSION_ACTION) ? ", with session tags" : ""),
              () -> is.grants().stream().map(grant -> "+ " + describe(grant)).toList()));
        } else if (is == null) {
          changes.add(new Change(Kind.NARROWER, subject + " is removed, and with it the trust of",
              () -> cells.words(List.copyOf(cells.of(was.subjects())))));
        } else {
          subjects(subject, was, is);
          TrustPolicy policy = is.trustPolicy();
          if (!was.host().equals(policy.hostname())) {
            hosts.put(role, "tokens of https://" + policy.hostname() + " instead of https://" + was.host());
          }
          String audience = difference(was.audiences(), policy.audiences(), "aud");
          if (!audience.isEmpty()) {
            audiences.put(role, audience);
          }
          boolean tagged = was.actions().contains(TrustPolicy.TAG_SESSION_ACTION);
          if (tagged != policy.actions().contains(TrustPolicy.TAG_SESSION_ACTION)) {
            changes.add(new Change(Kind.TAGGING, subject, List.of(tagged
                ? "sessionTagging off: sts:TagSession is no longer allowed, so a run whose stack has the label"
                    + " feature:aws_oidc_session_tagging can no longer assume it"
                : "sessionTagging on: sts:TagSession is allowed, so runs may pass session tags (run, stack,"
                    + " space) that policies can match as aws:PrincipalTag")));
          }
        }
      }
      perAccount(Kind.ISSUER, hosts, before.keySet(), after.keySet(), "trust ");
      perAccount(Kind.AUDIENCE, audiences, before.keySet(), after.keySet(), "");
    }

    /** One sentence for the account when every role that stays changed alike; else one per role. */
    private void perAccount(Kind kind, Map<String, String> byRole, Set<String> before, Set<String> after,
        String verb) {
      Set<String> both = new LinkedHashSet<>(before);
      both.retainAll(after);
      if (byRole.isEmpty()) {
        return;
      }
      if (both.size() > 1 && byRole.size() == both.size() && new HashSet<>(byRole.values()).size() == 1) {
        changes.add(new Change(kind, "account " + name + ", every role", List.of(verb + byRole.values().iterator()
            .next())));
        return;
      }
      byRole.forEach((role, text) -> changes.add(new Change(kind, "role `" + role + "` (account " + name + ")",
          List.of(verb + text))));
    }

    /** The runs a role gains and loses: its cells on disk against its cells now, worded by grant where whole. */
    private void subjects(String subject, IamFile.RoleTrust was, RolePlan is) {
      if (new HashSet<>(was.subjects()).equals(new HashSet<>(is.trustPolicy().subjects()))) {
        return;
      }
      Set<Cells.Cell> before = cells.of(was.subjects());
      Set<Cells.Cell> after = cells.of(is.trustPolicy().subjects());
      List<String> added = new ArrayList<>();
      Set<Cells.Cell> told = new HashSet<>();
      for (Grant grant : is.grants()) {
        List<String> patterns = new ArrayList<>();
        templates.stream().filter(grant::appliesTo).forEach(template -> patterns.addAll(grant.patterns(template)));
        Set<Cells.Cell> own = cells.of(patterns);
        List<Cells.Cell> fresh = cells.uncovered(own, before).stream().filter(cell -> !told.contains(cell))
            .toList();
        if (fresh.isEmpty()) {
          continue;
        }
        told.addAll(fresh);
        if (fresh.size() == own.size()) {
          added.add("+ " + describe(grant));
        } else {
          cells.words(fresh).forEach(words -> added.add("+ " + words));
        }
      }
      List<Cells.Cell> rest = cells.uncovered(after, before).stream().filter(cell -> !told.contains(cell))
          .toList();
      cells.words(rest).forEach(words -> added.add("+ " + words));
      if (!added.isEmpty()) {
        changes.add(new Change(Kind.WIDER, subject, added));
      }
      List<Cells.Cell> removed = cells.uncovered(before, after);
      if (!removed.isEmpty()) {
        changes.add(new Change(Kind.NARROWER, subject, cells.words(removed).stream().map(words -> "− " + words)
            .toList()));
      }
    }

    private static String difference(Set<String> before, List<String> after, String what) {
      List<String> parts = new ArrayList<>();
      after.stream().filter(value -> !before.contains(value)).forEach(value -> parts.add("+ " + what + " `" + value
          + "`"));
      before.stream().filter(value -> !after.contains(value)).forEach(value -> parts.add("− " + what + " `" + value
          + "`"));
      return String.join(", ", parts);
    }

    private static String describe(Grant grant) {
      return grant.describe() + grant.ruleSuffix();
    }
  }
}
