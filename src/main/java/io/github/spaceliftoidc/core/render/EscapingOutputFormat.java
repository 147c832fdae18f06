package io.github.spaceliftoidc.core.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * A FreeMarker output format that escapes every interpolation with one function: the shared part of the HCL and
 * shell formats, so that auto-escaping works the same way for both.
 *
 * @param <M> the format's own type of already-escaped text
 */
abstract class EscapingOutputFormat<M extends CommonTemplateMarkupOutputModel<M>>
    extends CommonMarkupOutputFormat<M> {

  /** The text made safe for the format's context. */
  abstract String escape(String text);

  @Override
  public final void output(String textToEsc, Writer out) throws IOException {
    out.write(escape(textToEsc));
  }

  @Override
  public final String escapePlainText(String plainTextContent) {
    return escape(plainTextContent);
  }

  @Override
  public final boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }
}
