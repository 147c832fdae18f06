package io.github.spaceliftoidc.core.plan;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The formats and limits of Spacelift and AWS IAM values. Each check answers with what is wrong and how to fix it,
 * or nothing when the value is fine.
 */
final class Rules {

  private Rules() {}

  static final List<String> PARTITIONS = List.of("aws", "aws-us-gov", "aws-cn");

  // IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
  static final int DEFAULT_TRUST_POLICY_LIMIT = 2048;
  static final int ROLE_NAME_MAX = 64;
  static final int ROLE_PATH_MAX = 512;
  static final int ROLE_DESCRIPTION_MAX = 1000;
  static final int MANAGED_POLICIES_MAX = 10;
  static final int INLINE_POLICIES_TOTAL_MAX = 10_240;
  static final int INLINE_POLICY_NAME_MAX = 128;
  static final int SESSION_MIN = 3600;
  static final int SESSION_MAX = 43_200;
  static final int THUMBPRINTS_MAX = 5;
  static final int CLIENT_IDS_MAX = 100;
  static final int CLIENT_ID_MAX_LENGTH = 255;
  static final int TAGS_MAX = 50;
  static final int TAG_KEY_MAX = 128;
  static final int TAG_VALUE_MAX = 256;

  private static final Pattern HOSTNAME = Pattern.compile(
      "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");
  private static final Pattern LOCAL_NAME = Pattern.compile("[a-z0-9_-]+");
  private static final Pattern SPACE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  // root, legacy, a bare slug, or a slug and a ULID: the forms Spacelift's documentation writes (research notes:
  // spaces/README.md, the provider's space_id defaults, aws-oidc.md, subject-template.md). The ULID is checked
  // loosely, as 26 upper-case letters or digits, since the docs' own examples are not all valid Crockford ULIDs.
  private static final Pattern SPACE_ID = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(-[0-9A-Z]{26})?");
  private static final Pattern CALLER_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern ROLE_PATH = Pattern.compile("/|/[\\x21-\\x7E]+/");
  private static final Pattern DESCRIPTION = Pattern.compile("[\\t\\n\\r\\x20-\\x7E\\xA1-\\xFF]*");
  private static final Pattern POLICY_ARN = Pattern.compile(
      "arn:(aws|aws-us-gov|aws-cn):iam::(aws|\\d{12}):policy/([\\x21-\\x7E&&[^*?]]*/)?[\\w+=,.@-]+");
  private static final Pattern POLICY_SHORT_NAME = Pattern.compile("([\\w+=,.@-]+/)*[\\w+=,.@-]+");
  private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{40}");
  private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  private static final Pattern ALIAS = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]*");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern S3_KEY = Pattern.compile("[^\\x00-\\x1F\\x7F]{1,1024}");
  private static final Pattern TOKEN_FILE = Pattern.compile("/[^\\x00-\\x1F\\x7F]*");
  private static final Pattern SPACE_PATH = Pattern.compile("[\\x21-\\x7E&&[^:|*?]]+");

  static Optional<String> hostname(String value) {
    if (value.startsWith("https://") || value.startsWith("http://")) {
      return Optional.of("write the hostname without a scheme, e.g. 'demo.app.spacelift.io'; the issuer becomes"
          + " https://<hostname>");
    }
    if (value.contains(":")) {
      return Optional.of("IAM OIDC issuers must be https:// on the default port; remove the port");
    }
    if (value.contains("?") || value.contains("#")) {
      return Optional.of("IAM OIDC issuers cannot carry a query string or fragment; remove it");
    }
    if (value.contains("/")) {
      return Optional.of("write the hostname alone, without a path");
    }
    if (!HOSTNAME.matcher(value).matches()) {
      return Optional.of("it is not a valid lower-case hostname, e.g. demo.app.spacelift.io or"
          + " demo.app.us.spacelift.io");
    }
    return Optional.empty();
  }

  static Optional<String> audience(String value) {
    if (value.isEmpty() || value.length() > CLIENT_ID_MAX_LENGTH || value.chars().anyMatch(c -> c <= ' ')) {
      return Optional.of("an audience (IAM client ID) has 1 to " + CLIENT_ID_MAX_LENGTH
          + " characters and no whitespace");
    }
    return Optional.empty();
  }

  private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

  /** Spacelift's tokens carry the bare hostname as {@code aud}; an audience with a scheme matches no token. */
  static Optional<String> audienceWithoutScheme(String value) {
    return URL_SCHEME.matcher(value).matches()
        ? Optional.of("Spacelift's tokens carry the bare hostname as their audience (aud), never a URL, so no token"
            + " would match; write it without '" + value.substring(0, value.indexOf("://") + 3) + "', e.g. "
            + value.substring(value.indexOf("://") + 3).replaceAll("/.*", ""))
        : Optional.empty();
  }

  static Optional<String> tokenFile(String value) {
    return TOKEN_FILE.matcher(value).matches() ? Optional.empty()
        : Optional.of("the token file must be an absolute path, e.g. /mnt/workspace/spacelift.oidc");
  }

  static Optional<String> accountId(String value) {
    return ACCOUNT_ID.matcher(value).matches() ? Optional.empty()
        : Optional.of("an AWS account id is exactly 12 digits; quote it to keep leading zeros: id: \"012345678901\"");
  }

  static Optional<String> region(String value) {
    return REGION.matcher(value).matches() ? Optional.empty()
        : Optional.of("it is not an AWS region name such as eu-west-1, us-gov-west-1 or cn-north-1");
  }

  /** The region must belong to the partition, or the provider cannot reach it. */
  static Optional<String> regionInPartition(String region, String partition) {
    String expected = switch (partition) {
      case "aws-us-gov" -> region.startsWith("us-gov-") ? null : "an aws-us-gov region such as us-gov-west-1";
      case "aws-cn" -> region.startsWith("cn-") ? null : "an aws-cn region such as cn-north-1";
      default -> region.startsWith("us-gov-") || region.startsWith("cn-")
          ? "a region of the aws partition, or set partition: " + (region.startsWith("cn-") ? "aws-cn" : "aws-us-gov")
          : null;
    };
    return Optional.ofNullable(expected).map(e -> "region '" + region + "' is not in partition '" + partition
        + "'; use " + e);
  }

  static Optional<String> partition(String value) {
    return PARTITIONS.contains(value) ? Optional.empty()
        : Optional.of("the partition is one of " + String.join(", ", PARTITIONS));
  }

  static Optional<String> localName(String value) {
    return LOCAL_NAME.matcher(value).matches() ? Optional.empty()
        : Optional.of("local names use lower-case letters, digits, '_' and '-' only");
  }

  static Optional<String> spaceName(String value) {
    return SPACE_NAME.matcher(value).matches() ? Optional.empty()
        : Optional.of("space names use letters, digits, '_', '.' and '-' only");
  }

  static Optional<String> spaceId(String value) {
    return SPACE_ID.matcher(value).matches() ? Optional.empty()
        : Optional.of("a space id is 'root', 'legacy', a slug of lower-case letters, digits and inner '-' (such as"
            + " production), or a slug, '-' and a 26-character ULID of upper-case letters and digits (such as"
            + " production-01HND497T9JKR76MR3KA2CDJHP); copy it from the space's page in Spacelift");
  }

  /**
   * A space id pattern of a trust rule: {@code "*"}, or a prefix such as {@code production-*}: the start of some
   * space id (so at least its first character, a lower-case letter or digit), then one {@code *}.
   */
  static Optional<String> spaceIdPattern(String value) {
    return idPattern(value, SPACE_ID, "space id", "production-*");
  }

  /**
   * A stack or module id pattern of a trust rule: an id, {@code "*"}, or the start of an id and one {@code *}. The
   * start is the start of an id, so it begins with a lower-case letter or digit as the slugs Spacelift makes of names
   * do, and {@code "-*"} or {@code ".*"} (a regular expression by mistake) cannot trust nearly everything.
   */
  static Optional<String> callerIdPattern(String value, String kind) {
    if (value.indexOf('*') < 0 && value.indexOf('?') < 0) {
      return callerId(value, kind);
    }
    return idPattern(value, CALLER_ID, kind + " id", kind.equals("module") ? "terraform-aws-*" : "app-*");
  }

  private static Optional<String> idPattern(String value, Pattern id, String what, String example) {
    if (value.equals("*")) {
      return Optional.empty();
    }
    String fix = "; write the start of the " + what + "s it should cover and one * at the end, e.g. " + example;
    if (value.indexOf('?') >= 0) {
      return Optional.of("'?' is not allowed (IAM reads it as any one character)" + fix);
    }
    int star = value.indexOf('*');
    if (star < 0) {
      return Optional.of("a " + what + " pattern ends in *" + fix + " (to trust one space, declare it under spaces:"
          + " and name it with space:)");
    }
    if (star != value.length() - 1) {
      return Optional.of("only one *, at the end, is allowed" + fix);
    }
    String literal = value.substring(0, star);
    if (literal.isEmpty() || !isPrefixOf(id, literal)) {
      return Optional.of("'" + literal + "' is not the start of any " + what + " Spacelift issues" + fix);
    }
    return Optional.empty();
  }

  /** Whether some value that {@code id} matches starts with {@code literal}. */
  private static boolean isPrefixOf(Pattern id, String literal) {
    java.util.regex.Matcher matcher = id.matcher(literal);
    return matcher.matches() || matcher.hitEnd();
  }

  static Optional<String> spacePath(String value) {
    return SPACE_PATH.matcher(value).matches() ? Optional.empty()
        : Optional.of("a space path has no whitespace, ':', '|', '*' or '?' (IAM would read '*' and '?' as"
            + " wildcards, and subject templates separate values with ':' and '|')");
  }

  /**
   * A stack or module id as Spacelift issues them: slugs of lower-case letters, digits, '-' and '_' (a module's is
   * {@code terraform-<provider>-<name>}, whose name may hold '_'). Nothing else can reach a token, and these ids name
   * directories and appear in reports, so a '/', '..', a backslash or Markdown has no place in them.
   */
  static Optional<String> callerId(String value, String kind) {
    return CALLER_ID.matcher(value).matches() ? Optional.empty()
        : Optional.of("a " + kind + " id is the slug in Spacelift's URL of the " + kind + ": lower-case letters, digits,"
            + " '-' and '_', starting with a letter or digit (e.g. " + (kind.equals("module") ? "terraform-aws-vpc"
                : "network-prod") + ")");
  }

  static Optional<String> roleName(String value) {
    if (value.length() > ROLE_NAME_MAX) {
      return Optional.of("IAM role names have at most " + ROLE_NAME_MAX + " characters; this one has "
          + value.length());
    }
    return ROLE_NAME.matcher(value).matches() ? Optional.empty()
        : Optional.of("IAM role names use letters, digits and + = , . @ _ - only");
  }

  static Optional<String> rolePath(String value) {
    if (value.length() > ROLE_PATH_MAX) {
      return Optional.of("IAM paths have at most " + ROLE_PATH_MAX + " characters");
    }
    return ROLE_PATH.matcher(value).matches() ? Optional.empty()
        : Optional.of("an IAM path is '/' or starts and ends with '/', e.g. /spacelift/");
  }

  static Optional<String> description(String value) {
    if (value.length() > ROLE_DESCRIPTION_MAX) {
      return Optional.of("IAM role descriptions have at most " + ROLE_DESCRIPTION_MAX + " characters; this one has "
          + value.length());
    }
    if (DESCRIPTION.matcher(value).matches()) {
      return Optional.empty();
    }
    int bad = value.codePoints().filter(c -> !DESCRIPTION.matcher(Character.toString(c)).matches()).findFirst()
        .orElse('?');
    return Optional.of(String.format(java.util.Locale.ROOT, "it contains '%s' (U+%04X), but IAM role descriptions"
        + " accept printable Latin-1 characters only; remove or replace it", Character.toString(bad), bad));
  }

  static Optional<String> sessionDuration(int value) {
    return value >= SESSION_MIN && value <= SESSION_MAX ? Optional.empty()
        : Optional.of("maxSessionDuration must be between " + SESSION_MIN + " and " + SESSION_MAX
            + " seconds (1 to 12 hours)");
  }

  /** A managed policy or boundary: a full ARN, or the name of an AWS-managed policy such as ReadOnlyAccess. */
  static Optional<String> policyReference(String value) {
    if (value.startsWith("arn:")) {
      return POLICY_ARN.matcher(value).matches() ? Optional.empty()
          : Optional.of("it is not an IAM policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess or"
              + " arn:aws:iam::123456789012:policy/my-policy");
    }
    return POLICY_SHORT_NAME.matcher(value).matches() ? Optional.empty()
        : Optional.of("write a policy ARN, or the name of an AWS-managed policy such as ReadOnlyAccess or"
            + " job-function/ViewOnlyAccess");
  }

  static Optional<String> policyName(String value) {
    if (value.length() > INLINE_POLICY_NAME_MAX) {
      return Optional.of("IAM policy names have at most " + INLINE_POLICY_NAME_MAX + " characters");
    }
    return POLICY_NAME.matcher(value).matches() ? Optional.empty()
        : Optional.of("IAM policy names use letters, digits and + = , . @ _ - only");
  }

  static Optional<String> thumbprint(String value) {
    return THUMBPRINT.matcher(value).matches() ? Optional.empty()
        : Optional.of("a thumbprint is the 40 hexadecimal characters of a SHA-1 fingerprint");
  }

  static Optional<String> tagKey(String value) {
    if (value.isEmpty() || value.length() > TAG_KEY_MAX) {
      return Optional.of("tag keys have 1 to " + TAG_KEY_MAX + " characters");
    }
    if (value.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
      return Optional.of("tag keys starting with 'aws:' are reserved for AWS");
    }
    return TAG_TEXT.matcher(value).matches() ? Optional.empty()
        : Optional.of("tag keys use letters, digits, spaces and _ . : / = + - @ only");
  }

  static Optional<String> tagValue(String value) {
    if (value.length() > TAG_VALUE_MAX) {
      return Optional.of("tag values have at most " + TAG_VALUE_MAX + " characters; this one has " + value.length());
    }
    return TAG_TEXT.matcher(value).matches() ? Optional.empty()
        : Optional.of("tag values use letters, digits, spaces and _ . : / = + - @ only");
  }

  static Optional<String> aliasName(String value) {
    return ALIAS.matcher(value).matches() ? Optional.empty()
        : Optional.of("a provider alias is a Terraform name: a letter or '_', then letters, digits, '_' or '-'");
  }

  static Optional<String> bucket(String value) {
    return BUCKET.matcher(value).matches() && !value.contains("..") ? Optional.empty()
        : Optional.of("S3 bucket names have 3 to 63 lower-case letters, digits, '.' and '-'");
  }

  static Optional<String> s3Key(String value) {
    return S3_KEY.matcher(value).matches() ? Optional.empty()
        : Optional.of("an S3 key has 1 to 1024 characters and no control characters");
  }

  /** A directory relative to the output directory, which it must not leave. */
  static Optional<String> directory(String value) {
    String normalized = value.replace('\\', '/');
    if (normalized.isBlank()) {
      return Optional.of("the directory is empty; write a path relative to the output directory");
    }
    if (normalized.startsWith("/") || normalized.matches("[A-Za-z]:.*")) {
      return Optional.of("write a path relative to the output directory, not an absolute one");
    }
    if (normalized.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
      // The manifest of generated files has one path per line.
      return Optional.of("the directory contains a control character (a line break or tab?); write it on one line");
    }
    int depth = 0;
    for (String part : normalized.split("/")) {
      if (part.equals("..")) {
        depth--;
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
      if (depth < 0) {
        return Optional.of("the directory leaves the output directory; the plugin only writes inside it");
      }
    }
    if (depth == 0) {
      return Optional.of("the directory is the output directory itself; give it a subdirectory");
    }
    return directoryNames(normalizeDirectory(normalized));
  }

  /** Most bytes of one name in a path: NAME_MAX of Linux and macOS file systems (NTFS counts 255 UTF-16 units). */
  static final int DIRECTORY_NAME_MAX = 255;
  /** Most bytes of a directory, leaving the output directory's own path room within Linux's PATH_MAX of 4,096. */
  static final int DIRECTORY_MAX = 3000;

  /**
   * Checks the names of a normalised directory that the file system, or the writer, would refuse at write time: a
   * name too long, the name of the manifest or the lock file at the top, or the name of a file the plugin generates
   * (such a directory would clash with a generated file of another stack or account).
   */
  private static Optional<String> directoryNames(String normalized) {
    if (normalized.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > DIRECTORY_MAX) {
      return Optional.of(String.format(java.util.Locale.ROOT, "the directory is longer than %,d bytes, more than a"
          + " file system path can hold below the output directory; shorten it", DIRECTORY_MAX));
    }
    String[] parts = normalized.split("/");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      int bytes = part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (bytes > DIRECTORY_NAME_MAX) {
        return Optional.of(String.format(java.util.Locale.ROOT, "its name '%s...' has %,d bytes, more than the %d"
            + " that file systems allow in one name; shorten it (with the default directory, shorten the id or set"
            + " directory:)", part.substring(0, 20), bytes, DIRECTORY_NAME_MAX));
      }
      if (i == 0 && Directories.WRITER_FILE_NAMES.contains(part)) {
        return Optional.of("'" + part + "' is the plugin's own file at the top of the output directory; choose"
            + " another directory");
      }
      if (Directories.GENERATED_FILE_NAMES.contains(part)) {
        return Optional.of("'" + part + "' is the name of a file the plugin generates, so this directory would"
            + " clash with a generated file; choose another name");
      }
    }
    return Optional.empty();
  }

  /** The directory as a normalised relative path with forward slashes, e.g. "stacks/infra". */
  static String normalizeDirectory(String value) {
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (String part : value.replace('\\', '/').split("/")) {
      if (part.equals("..")) {
        parts.pollLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  // The S3 backend's newer settings (issue 11).

  private static final Pattern KMS_KEY_ARN = Pattern.compile(
      "arn:(aws|aws-us-gov|aws-cn):kms:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}):(\\d{12}):key/"
          + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})");
  private static final Pattern DYNAMODB_TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  static Optional<String> dynamodbTable(String value) {
    return DYNAMODB_TABLE.matcher(value).matches() ? Optional.empty()
        : Optional.of("DynamoDB table names have 3 to 255 letters, digits, '_', '.' and '-'");
  }

  /** A KMS key as an IAM policy can name it: the key's own ARN, never an alias or a bare key id. */
  static Optional<String> kmsKeyArn(String value) {
    return KMS_KEY_ARN.matcher(value).matches() ? Optional.empty()
        : Optional.of("write the key's ARN, arn:aws:kms:<region>:<account id>:key/<key id>: IAM grants kms:Decrypt"
            + " on a key's ARN (an alias ARN matches nothing), and S3 resolves a bare key id or alias in the"
            + " caller's account");
  }

  /** The parts of a KMS key ARN that {@link #kmsKeyArn} accepts: partition, region, account id. */
  static List<String> kmsKeyParts(String arn) {
    java.util.regex.Matcher m = KMS_KEY_ARN.matcher(arn);
    return m.matches() ? List.of(m.group(1), m.group(2), m.group(3)) : List.of();
  }

  /** A workspace key prefix as the S3 backend accepts it. */
  static Optional<String> workspaceKeyPrefix(String value) {
    if (!S3_KEY.matcher(value).matches()) {
      return Optional.of("a workspace key prefix has 1 to 1024 characters and no control characters");
    }
    return value.startsWith("/") || value.endsWith("/")
        ? Optional.of("the S3 backend refuses a workspace key prefix that starts or ends with '/'; write e.g. env:")
        : Optional.empty();
  }

  /**
   * A part of an S3 key that the plugin writes into IAM policies: {@code *} and {@code ?} are wildcards there and
   * {@code ${...}} a policy variable, so a key with them would grant more than its own object.
   */
  static Optional<String> policyLiteral(String value) {
    return value.contains("*") || value.contains("?") || value.contains("$")
        ? Optional.of("it contains '*', '?' or '$', which IAM reads as a wildcard or a policy variable, so the"
            + " generated state policy would reach other objects; rename it, or set statePolicy: false on the role"
            + " and grant the state access yourself")
        : Optional.empty();
  }
}
