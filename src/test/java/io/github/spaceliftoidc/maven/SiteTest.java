package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spaceliftoidc.testing.ProjectPaths;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The site ({@code ./mvnw site}) stays whole: its menu has a page for every goal of the plugin descriptor, in the
 * README's order, and every link of its index into the README lands on a heading that exists.
 */
class SiteTest {

  private static final String README_URL =
      "https://github.com/spaceliftoidc/spacelift-oidc-maven-plugin/blob/main/README.md";

  @Test
  void theMenuHasAPageForEveryGoal() throws Exception {
    List<String> goals = new ArrayList<>();
    try (InputStream in = SiteTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      Document descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
      NodeList mojos = descriptor.getElementsByTagName("mojo");
      for (int i = 0; i < mojos.getLength(); i++) {
        goals.add(((Element) mojos.item(i)).getElementsByTagName("goal").item(0).getTextContent());
      }
    }
    Document site = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(ProjectPaths.root().resolve("src/site/site.xml").toFile());
    List<String> pages = new ArrayList<>();
    NodeList items = site.getElementsByTagName("item");
    for (int i = 0; i < items.getLength(); i++) {
      String href = ((Element) items.item(i)).getAttribute("href");
      if (href.endsWith("-mojo.html")) {
        pages.add(href.substring(0, href.length() - "-mojo.html".length()));
      }
    }

    assertEquals(new TreeSet<>(goals), new TreeSet<>(pages), "the site's goal menu versus the plugin's goals");
    assertEquals(List.of("generate", "check", "explain", "init", "help"), pages, "in the README's order");
  }

  @Test
  void everyLinkIntoTheReadmeLandsOnAHeading() throws Exception {
    String readme = Files.readString(ProjectPaths.root().resolve("README.md"), StandardCharsets.UTF_8);
    Set<String> anchors = new TreeSet<>();
    for (String line : readme.lines().toList()) {
      if (line.startsWith("## ") || line.startsWith("### ")) {
        anchors.add(anchor(line.replaceFirst("^#+ ", "")));
      }
    }
    String index = Files.readString(ProjectPaths.root().resolve("src/site/markdown/index.md"),
        StandardCharsets.UTF_8);
    Matcher link = Pattern.compile(Pattern.quote(README_URL) + "#([\\w-]+)").matcher(index);
    int links = 0;
    while (link.find()) {
      assertTrue(anchors.contains(link.group(1)), "no README heading for #" + link.group(1) + " (" + anchors + ")");
      links++;
    }
    assertTrue(links >= 10, "the index links the README's sections");
  }

  /** GitHub's anchor of a heading: lower case, spaces as '-', punctuation other than '-' and '_' dropped. */
  private static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
