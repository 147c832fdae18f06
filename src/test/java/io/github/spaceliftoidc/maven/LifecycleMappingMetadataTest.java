package io.github.spaceliftoidc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The m2e lifecycle-mapping metadata ships on the plugin's classpath (the invoker IT incremental-single checks the
 * installed jar too): Eclipse runs {@code generate} in its builds, incremental ones included, and ignores the goals
 * that only report or write on request. Every goal of the plugin descriptor is mapped, so a new goal cannot be
 * forgotten.
 */
class LifecycleMappingMetadataTest {

  private static final String METADATA = "/META-INF/m2e/lifecycle-mapping-metadata.xml";

  @Test
  void generateRunsInIncrementalIdeBuildsAndTheOtherGoalsAreIgnored() throws Exception {
    Map<String, String> actionByGoal = new TreeMap<>();
    Document metadata = parse(METADATA);
    NodeList executions = metadata.getElementsByTagName("pluginExecution");
    for (int i = 0; i < executions.getLength(); i++) {
      Element execution = (Element) executions.item(i);
      Element action = (Element) execution.getElementsByTagName("action").item(0);
      Element execute = (Element) action.getElementsByTagName("execute").item(0);
      String what = execute == null ? (action.getElementsByTagName("ignore").getLength() == 1 ? "ignore" : "?")
          : "execute onIncremental=" + text(execute, "runOnIncremental") + " onConfiguration="
              + text(execute, "runOnConfiguration");
      NodeList goals = execution.getElementsByTagName("goal");
      for (int g = 0; g < goals.getLength(); g++) {
        actionByGoal.put(goals.item(g).getTextContent().strip(), what);
      }
    }

    assertEquals(Map.of(
        "generate", "execute onIncremental=true onConfiguration=true",
        "check", "ignore",
        "explain", "ignore",
        "init", "ignore"), actionByGoal);
    assertEquals(descriptorGoals(), new TreeSet<>(actionByGoal.keySet()), "every goal (but help) is mapped");
  }

  private static Set<String> descriptorGoals() throws Exception {
    Document descriptor = parse("/META-INF/maven/plugin.xml");
    Set<String> goals = new TreeSet<>();
    NodeList mojos = descriptor.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      goals.add(text((Element) mojos.item(i), "goal"));
    }
    goals.remove("help");
    return goals;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
  }

  private static Document parse(String resource) throws Exception {
    try (InputStream in = LifecycleMappingMetadataTest.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource + " is not on the classpath");
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(in);
    }
  }
}
