package io.github.spaceliftoidc.core.render;

import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.Version;
import io.github.spaceliftoidc.core.yaml.YNode;

/**
 * How values reach the templates: as FreeMarker's default wrapper shows them (records by their components), except a
 * JSON document such as an inline policy, which a template sees as its HCL expression, ready for
 * {@code jsonencode([=policy.document?no_esc])}. The plan keeps the document as data; this is where it becomes HCL.
 */
final class TemplateObjects extends DefaultObjectWrapper {

  TemplateObjects(Version incompatibleImprovements) {
    super(new DefaultObjectWrapperBuilder(incompatibleImprovements), true);
  }

  @Override
  protected TemplateModel handleUnknownType(Object object) throws TemplateModelException {
    return object instanceof YNode document ? new SimpleScalar(Hcl.expression(document))
        : super.handleUnknownType(object);
  }
}
