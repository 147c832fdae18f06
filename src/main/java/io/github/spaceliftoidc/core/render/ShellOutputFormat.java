package io.github.spaceliftoidc.core.render;

import freemarker.core.CommonTemplateMarkupOutputModel;

/**
 * FreeMarker output format of {@code *.sh.ftl} templates: interpolations are escaped for the inside of a
 * single-quoted shell string, where only {@code '} is special.
 */
public final class ShellOutputFormat extends EscapingOutputFormat<ShellOutputFormat.Markup> {

  public static final ShellOutputFormat INSTANCE = new ShellOutputFormat();

  private ShellOutputFormat() {}

  /**
   * The text, safe between single quotes and in a comment: {@code '} becomes {@code '\''}, and control characters
   * (which validation already rejects in every value that reaches a script) become {@code ?}, so that no value can
   * end a comment line.
   */
  @Override
  String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        out.append("'\\''");
      } else if (c < 0x20 || c == 0x7f) {
        out.append('?');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String getName() {
    return "shell";
  }

  @Override
  public String getMimeType() {
    return "text/x-shellscript";
  }

  @Override
  protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new Markup(plainTextContent, markupContent);
  }

  /** Shell text that is already escaped. */
  public static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {
    Markup(String plainTextContent, String markupContent) {
      super(plainTextContent, markupContent);
    }

    @Override
    public ShellOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }
}
