package io.github.spaceliftoidc.core.render;

import freemarker.core.CommonTemplateMarkupOutputModel;

/**
 * FreeMarker output format of {@code *.tf.ftl} templates: every interpolation is escaped for an HCL quoted string
 * unless the template says {@code ?no_esc}, so no user string can end a string or start a template sequence.
 */
public final class HclOutputFormat extends EscapingOutputFormat<HclOutputFormat.Markup> {

  public static final HclOutputFormat INSTANCE = new HclOutputFormat();

  private HclOutputFormat() {}

  @Override
  public String getName() {
    return "HCL";
  }

  @Override
  public String getMimeType() {
    return "text/x-hcl";
  }

  @Override
  String escape(String text) {
    return Hcl.escape(text);
  }

  @Override
  protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new Markup(plainTextContent, markupContent);
  }

  /** HCL text that is already escaped. */
  public static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {
    Markup(String plainTextContent, String markupContent) {
      super(plainTextContent, markupContent);
    }

    @Override
    public HclOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }
}
