package io.github.spaceliftoidc.core.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.FirstMatchTemplateConfigurationFactory;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.OrMatcher;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.github.spaceliftoidc.core.concurrent.Parallel;
import io.github.spaceliftoidc.core.plan.AccountPlan;
import io.github.spaceliftoidc.core.plan.GenerationPlan;
import io.github.spaceliftoidc.core.plan.Selection;
import io.github.spaceliftoidc.core.plan.StackPlan;
import io.github.spaceliftoidc.core.problem.GenerationException;
import io.github.spaceliftoidc.core.write.GeneratedFile;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders a plan through the FreeMarker templates: the bundled ones, or a user's copy of the same name from a
 * template directory. HCL output goes through {@link HclFormatter}, so it is what {@code terraform fmt} writes.
 *
 * <p>The plan holds data; HCL is made here and in the templates. Templates see the plan's records as they are, except
 * a policy document, which they see as its HCL expression for {@code jsonencode(...)} (see {@link TemplateObjects}).
 *
 * <p>A renderer holds its own FreeMarker configuration (thread-safe once built), so parallel builds share nothing.
 */
public final class Renderer {

  public static final String ACCOUNT_TEMPLATE = "account.tf.ftl";
  public static final String STACK_TEMPLATE = "stack.tf.ftl";
  public static final String HOOK_TEMPLATE = "before-init.sh.ftl";

  /** Generated names never clash with the conventional hand-written ones (main.tf, providers.tf, ...). */
  public static final String ACCOUNT_FILE = "spacelift-oidc-iam.tf";
  public static final String STACK_FILE = "spacelift-oidc-provider.tf";
  public static final String HOOK_FILE = "spacelift-oidc-before-init.sh";
  /**
   * The before_init hook that loads the script into the run's shell. POSIX {@code .} with a {@code ./} path: dash has
   * no {@code source}, and {@code .} looks a bare name up on PATH only.
   */
  public static final String HOOK_COMMAND = ". ./" + HOOK_FILE;

  private final Configuration freemarker;

  /** @param templateDirectory user templates that replace bundled ones of the same name, or null */
  public Renderer(Path templateDirectory) {
    this.freemarker = configure(templateDirectory);
  }

  private static Configuration configure(Path templateDirectory) {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setObjectWrapper(new TemplateObjects(Configuration.VERSION_2_3_34));
    TemplateLoader bundled = new ClassTemplateLoader(Renderer.class, "/templates");
    if (templateDirectory != null) {
      try {
        cfg.setTemplateLoader(new MultiTemplateLoader(
            new TemplateLoader[] {new FileTemplateLoader(templateDirectory.toFile()), bundled}));
      } catch (IOException e) {
        throw new GenerationException("Cannot read the template directory " + templateDirectory + ": "
            + e.getMessage(), e);
      }
    } else {
      cfg.setTemplateLoader(bundled);
    }
    cfg.setDefaultEncoding("UTF-8");
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    // [=x] interpolations leave Terraform's own ${...} alone in the templates.
    cfg.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    cfg.setNumberFormat("computer");
    cfg.setBooleanFormat("c");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setRegisteredCustomOutputFormats(List.of(HclOutputFormat.INSTANCE, ShellOutputFormat.INSTANCE));
    cfg.setTemplateConfigurations(new FirstMatchTemplateConfigurationFactory(
            // _hcl.ftl holds macros that write HCL strings: its interpolations need the HCL escaping too, since
            // FreeMarker escapes by the template an interpolation is written in, not the one that calls the macro.
            new ConditionalTemplateConfigurationFactory(
                new OrMatcher(new FileNameGlobMatcher("*.tf.ftl"), new FileNameGlobMatcher("_hcl.ftl")),
                outputFormat(HclOutputFormat.INSTANCE)),
            new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher("*.sh.ftl"),
                outputFormat(ShellOutputFormat.INSTANCE)))
        .allowNoMatch(true));
    return cfg;
  }

  private static TemplateConfiguration outputFormat(freemarker.core.OutputFormat format) {
    TemplateConfiguration configuration = new TemplateConfiguration();
    configuration.setOutputFormat(format);
    configuration.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    return configuration;
  }

  /**
   * Renders every file of the selection, in a stable order. Files render on every core: each is independent, and
   * FreeMarker templates are thread-safe once loaded.
   */
  public List<GeneratedFile> render(GenerationPlan plan, Selection selection) {
    List<GeneratedFile> files = new ArrayList<>();
    Template accountTemplate = template(ACCOUNT_TEMPLATE);
    List<AccountPlan> accounts = plan.accounts().stream().filter(a -> selection.includesAccount(a.name())).toList();
    files.addAll(Parallel.map(accounts, account -> new GeneratedFile(account.directory() + "/" + ACCOUNT_FILE,
        HclFormatter.format(process(accountTemplate, model(plan, "account", account))),
        Selection.ACCOUNT_PREFIX + account.name())));
    Template stackTemplate = template(STACK_TEMPLATE);
    Template hookTemplate = plan.terraform().legacy() ? template(HOOK_TEMPLATE) : null;
    List<StackPlan> stacks = plan.stacks().stream().filter(s -> selection.includesStack(s.id())).toList();
    for (List<GeneratedFile> stackFiles : Parallel.map(stacks, stack -> {
      Map<String, Object> model = model(plan, "stack", stack);
      String owner = Selection.STACK_PREFIX + stack.id();
      GeneratedFile provider = new GeneratedFile(stack.directory() + "/" + STACK_FILE,
          HclFormatter.format(process(stackTemplate, model)), owner);
      return hookTemplate == null ? List.of(provider) : List.of(provider,
          new GeneratedFile(stack.directory() + "/" + HOOK_FILE, endWithNewline(process(hookTemplate, model)), owner));
    })) {
      files.addAll(stackFiles);
    }
    return files;
  }

  private static Map<String, Object> model(GenerationPlan plan, String key, Object value) {
    Map<String, Object> model = new HashMap<>();
    model.put("plan", plan);
    model.put("header", GeneratedFile.HEADER);
    model.put("spacelift", plan.spacelift());
    model.put("terraform", plan.terraform());
    model.put("hookFile", HOOK_FILE);
    model.put("hookCommand", HOOK_COMMAND);
    model.put(key, value);
    return model;
  }

  private Template template(String name) {
    try {
      return freemarker.getTemplate(name);
    } catch (IOException e) {
      throw new GenerationException("Cannot load the template " + name + ": " + e.getMessage(), e);
    }
  }

  private static String process(Template template, Map<String, Object> model) {
    StringWriter out = new StringWriter(4096);
    try {
      template.process(model, out);
    } catch (TemplateException | IOException e) {
      throw new GenerationException("The template " + template.getSourceName() + " failed: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static String endWithNewline(String text) {
    String trimmed = text.replace("\r\n", "\n").stripTrailing();
    return trimmed + "\n";
  }
}
