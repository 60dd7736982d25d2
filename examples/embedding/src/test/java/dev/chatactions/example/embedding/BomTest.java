package dev.chatactions.example.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** An embedder names every library module through the BOM, so a new library module must be listed there. */
class BomTest {

    static final Path ROOT = Path.of(System.getProperty("chatactions.root"));

    @Test
    void the_bom_pins_every_library_module_and_nothing_else() throws Exception {
        List<String> libraries = new ArrayList<>();
        for (String module : texts(pom(ROOT.resolve("pom.xml")), "module")) {
            Document pom = pom(ROOT.resolve(module).resolve("pom.xml"));
            // A library ships a javadoc jar; the apps and the example skip it, the BOM is a pom.
            boolean library = texts(pom, "packaging").isEmpty() && !texts(pom, "maven.javadoc.skip").contains("true");
            if (library) {
                libraries.add(texts(pom, "artifactId").get(1)); // the first is the parent's
            }
        }

        assertThat(libraries).contains("chat-actions-core", "chat-actions-adapters-history");
        List<String> pinned = texts(pom(ROOT.resolve("bom/pom.xml")), "artifactId");
        assertThat(pinned.subList(1, pinned.size())).containsExactlyInAnyOrderElementsOf(libraries); // the first is the BOM's own
    }

    private static Document pom(Path file) throws Exception {
        assertThat(file).exists();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(Files.newInputStream(file));
    }

    /** The text of every element named {@code name}, in document order. */
    private static List<String> texts(Document document, String name) {
        NodeList nodes = document.getElementsByTagName(name);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element) {
                texts.add(element.getTextContent().strip());
            }
        }
        return texts;
    }
}
