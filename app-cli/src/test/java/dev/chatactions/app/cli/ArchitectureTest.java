package dev.chatactions.app.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hexagon's walls: dependencies point inward only. The Maven module graph enforces the rest. */
@AnalyzeClasses(
        packages = "dev.chatactions",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** Core's test-jar (fixtures, contract checker) is test code too, whichever form Maven hands it in. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule core_should_not_depend_on_jackson_outside_json_package = noClasses()
            .that().resideInAPackage("dev.chatactions.core..")
            .and().resideOutsideOfPackage("dev.chatactions.core.action.json..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("core speaks JSON through PayloadJson only, so embedders can swap nothing by accident");

    @ArchTest
    static final ArchRule core_and_model_adapter_should_not_depend_on_http_clients_or_servers = noClasses()
            .that().resideInAnyPackage("dev.chatactions.core..", "dev.chatactions.adapter.claude..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "io.helidon..", "com.sun.net.httpserver..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
            .because("talking to upstreams is the HTTP adapters' job; the chat's model is reached only through the claude CLI,"
                    + " whose environment its adapter builds");

    @ArchTest
    static final ArchRule core_should_not_depend_on_picocli = noClasses()
            .that().resideInAPackage("dev.chatactions.core..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("the command line is an app");

    @ArchTest
    static final ArchRule core_should_not_do_file_io = noClasses()
            .that().resideInAPackage("dev.chatactions.core..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileReader")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileWriter")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
            .because("the history adapter owns the files; core stays testable without a disk");

    @ArchTest
    static final ArchRule core_should_not_depend_on_adapters_or_apps = noClasses()
            .that().resideInAPackage("dev.chatactions.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.chatactions.adapter..", "dev.chatactions.app..")
            .because("dependencies point inward only");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_each_other = slices()
            .matching("dev.chatactions.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("each adapter translates one upstream; shared logic belongs in core");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_apps = noClasses()
            .that().resideInAPackage("dev.chatactions.adapter..")
            .should().dependOnClassesThat().resideInAPackage("dev.chatactions.app..")
            .because("apps only wire; adapters are embeddable on their own");
}
