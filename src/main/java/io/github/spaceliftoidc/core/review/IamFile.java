package io.github.spaceliftoidc.core.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trust that a generated IAM root module holds, read back from its text: the OIDC provider's URL, and for each
 * role the actions, audiences and subject patterns of its trust policy. It reads the plugin's own format (the
 * bundled {@code account.tf.ftl} after formatting), not HCL in general: what it cannot find, it does not guess.
 */
final class IamFile {

  private IamFile() {}

  /**
   * One role's trust policy as the file holds it; with several statements, the union of their lists.
   *
   * @param host the prefix of the condition keys ({@code <host>:aud}, {@code <host>:sub}), the provider's host
   */
  record RoleTrust(String name, String host, Set<String> actions, Set<String> audiences, List<String> subjects) {}

  /** What the file holds: the provider's URL (null when not found) and the roles by name, in file order. */
  record Trust(String providerUrl, Map<String, RoleTrust> roles) {}

  private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  private static final Pattern ROLE = Pattern.compile("(?m)^resource \"aws_iam_role\" \"[^\"]*\" \\{\\n(.*?)^}$",
      Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("(?m)^  name\\s*=\\s*" + STRING + "$");
  private static final Pattern ACTION = Pattern.compile("(?m)^\\s*Action\\s*=\\s*(\\[[^\\]\\n]*]|" + STRING + ")$");
  private static final Pattern AUDIENCES = Pattern.compile("(?m)^\\s*\"([^\"]+):aud\"\\s*=\\s*(\\[[^\\]\\n]*]|"
      + STRING + ")$");
  private static final Pattern SUBJECTS = Pattern.compile("(?m)^\\s*\"([^\"]+):sub\"\\s*=\\s*\\[\\n(.*?)^\\s*]$",
      Pattern.DOTALL);
  private static final Pattern PROVIDER_URL = Pattern.compile("(?m)^(?:resource|data)"
      + " \"aws_iam_openid_connect_provider\" \"[^\"]*\" \\{\\n\\s*url\\s*=\\s*" + STRING + "$");
  private static final Pattern ITEM = Pattern.compile(STRING);

  /** The trust of the file's roles; empty when the text holds no role in the plugin's format. */
  static Optional<Trust> read(String text) {
    String hcl = text.replace("\r\n", "\n");
    Map<String, RoleTrust> roles = new LinkedHashMap<>();
    Matcher role = ROLE.matcher(hcl);
    while (role.find()) {
      String body = role.group(1);
      Matcher name = NAME.matcher(body);
      Matcher subjects = SUBJECTS.matcher(body);
      if (!name.find() || !subjects.find()) {
        return Optional.empty(); // a role without the trust policy of the bundled template
      }
      String host = unescape(subjects.group(1));
      List<String> patterns = new ArrayList<>(strings(subjects.group(2)));
      while (subjects.find()) {
        patterns.addAll(strings(subjects.group(2)));
      }
      Set<String> actions = new LinkedHashSet<>();
      Matcher action = ACTION.matcher(body);
      while (action.find()) {
        actions.addAll(strings(action.group(1)));
      }
      Set<String> audiences = new LinkedHashSet<>();
      Matcher audience = AUDIENCES.matcher(body);
      while (audience.find()) {
        audiences.addAll(strings(audience.group(2)));
      }
      String roleName = unescape(name.group(1));
      roles.put(roleName, new RoleTrust(roleName, host, actions, audiences, List.copyOf(patterns)));
    }
    if (roles.isEmpty()) {
      return Optional.empty();
    }
    Matcher url = PROVIDER_URL.matcher(hcl);
    return Optional.of(new Trust(url.find() ? unescape(url.group(1)) : null, roles));
  }

  private static List<String> strings(String list) {
    List<String> values = new ArrayList<>();
    Matcher item = ITEM.matcher(list);
    while (item.find()) {
      values.add(unescape(item.group(1)));
    }
    return values;
  }

  /** The value of an HCL quoted string's body, as {@code Hcl.escape} wrote it. */
  static String unescape(String body) {
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char next = body.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            String hex = i + 4 < body.length() ? body.substring(i + 1, i + 5) : "";
            if (hex.matches("[0-9a-fA-F]{4}")) {
              out.append((char) Integer.parseInt(hex, 16));
              i += 4;
            } else {
              out.append("\\u");
            }
          }
          default -> out.append(next);
        }
      } else if ((c == '$' || c == '%') && body.startsWith(c + "" + c + "{", i)) {
        out.append(c); // $${ and %%{ are the literal ${ and %{
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
