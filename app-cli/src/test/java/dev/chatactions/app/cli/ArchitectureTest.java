package dev.chatactions.app.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.chatactions.core.conversation.ConverseService;
import dev.chatactions.core.service.ActionService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
            .ignoreDependency(resideInAPackage("dev.chatactions.adapter.postgres.."),
                    resideInAPackage("dev.chatactions.adapter.history.."))
            .because("each adapter translates one upstream; shared logic belongs in core (the database keeps the"
                    + " history adapter's NDJSON lines, so it uses that adapter's line format and chain)");

    @ArchTest
    static final ArchRule adapters_should_not_depend_on_apps = noClasses()
            .that().resideInAPackage("dev.chatactions.adapter..")
            .should().dependOnClassesThat().resideInAPackage("dev.chatactions.app..")
            .because("apps only wire; adapters are embeddable on their own");

    @ArchTest
    static final ArchRule adapters_should_depend_only_on_core_and_their_own_libraries = classes()
            .that().resideInAPackage("dev.chatactions.adapter..")
            .and().resideOutsideOfPackage("dev.chatactions.adapter.postgres..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.chatactions.adapter..", "dev.chatactions.core..", "java..", "com.fasterxml.jackson..")
            .because("an adapter translates between core's ports and one upstream with the JDK and its JSON library;"
                    + " anything more (a framework, another adapter's types) would come along into every embedder"
                    + " (the PostgreSQL adapter's own libraries are named in the next rule)");

    @ArchTest
    static final ArchRule postgres_adapter_should_depend_only_on_core_the_history_format_and_its_database_libraries = classes()
            .that().resideInAPackage("dev.chatactions.adapter.postgres..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.chatactions.adapter.postgres..",
                    "dev.chatactions.adapter.history..", "dev.chatactions.core..", "java..",
                    "javax.sql..", "com.zaxxer.hikari..", "org.flywaydb..")
            .because("the shared store speaks to its upstream through JDBC (javax.sql), with a bounded HikariCP pool and"
                    + " Flyway migrations, the libraries made for that job; it keeps the history adapter's NDJSON lines,"
                    + " so it uses that adapter's line format and chain");

    @ArchTest
    static final ArchRule settings_types_should_live_with_their_adapter = classes()
            .that().haveSimpleNameEndingWith("Settings").and().areTopLevelClasses()
            .should().resideInAnyPackage("dev.chatactions.adapter..", "dev.chatactions.app..")
            .orShould().haveFullyQualifiedName("dev.chatactions.core.policy.PolicySettings")
            .because("each adapter owns its settings and reads its own variables, and each app its own, so that no"
                    + " setting has two owners; core keeps only the policy's settings (and Secret)");

    @ArchTest
    static final ArchRule library_should_not_use_a_logging_backend = noClasses()
            .that().resideInAnyPackage("dev.chatactions.core..", "dev.chatactions.adapter..")
            .should().dependOnClassesThat().resideInAnyPackage("org.slf4j..", "ch.qos.logback..",
                    "org.apache.logging..", "org.apache.commons.logging..", "java.util.logging..")
            .because("an embedding service chooses its own logging: the library logs through System.Logger or not at all");

    @ArchTest
    static final ArchRule use_cases_should_be_reached_through_their_in_ports = noClasses()
            .that().doNotBelongToAnyOf(ActionService.class, ConverseService.class, CliWiring.class)
            .and().doNotHaveFullyQualifiedName("dev.chatactions.app.http.Wiring")
            .and().doNotHaveFullyQualifiedName("dev.chatactions.app.http.Main")
            .should().dependOnClassesThat().belongToAnyOf(ActionService.class, ConverseService.class)
            .because("callers use the in-ports (ProposeActionUseCase, ExecuteActionUseCase, ReplayActionUseCase,"
                    + " ConverseUseCase, ReviewAssistantTextUseCase); only the wiring classes construct the services:"
                    + " app-cli's CliWiring, app-http's Wiring and Main");

    /** The packages embedders may use (README, "Public API"); everything else of ours is internal. */
    static final String[] API_PACKAGES = {
        "dev.chatactions.core.action..", "dev.chatactions.core.config..", "dev.chatactions.core.policy..",
        "dev.chatactions.core.port..", "dev.chatactions.core.service..", "dev.chatactions.core.identity..",
        "dev.chatactions.core.session..",
        "dev.chatactions.adapter.."
    };

    static final DescribedPredicate<JavaClass> EXPORTED =
            DescribedPredicate.describe("are public types of API packages", ArchitectureTest::isExported);

    @ArchTest
    static final ArchRule api_should_not_expose_internal_types = classes()
            .that(EXPORTED)
            .should(notExposeInternalTypes())
            .because("an embedder can use every type the public API hands out; internal ones may change in any release");

    /** No public or protected signature (supertypes, fields, parameters, results, throws) names an internal type. */
    private static ArchCondition<JavaClass> notExposeInternalTypes() {
        return new ArchCondition<>("not expose internal types in public signatures") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaType> exposed = new ArrayList<>();
                type.getSuperclass().ifPresent(exposed::add);
                exposed.addAll(type.getInterfaces());
                for (JavaField field : type.getFields()) {
                    if (isVisible(field)) {
                        exposed.add(field.getType());
                    }
                }
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    if (isVisible(unit)) {
                        exposed.add(unit.getReturnType());
                        exposed.addAll(unit.getParameterTypes());
                        unit.getThrowsClause().getTypes().forEach(exposed::add);
                    }
                }
                exposed.stream()
                        .flatMap(javaType -> javaType.getAllInvolvedRawTypes().stream())
                        .map(JavaClass::getBaseComponentType)
                        .filter(ArchitectureTest::isInternal)
                        .distinct()
                        .forEach(internal -> events.add(SimpleConditionEvent.violated(type,
                                type.getName() + " exposes internal type " + internal.getName())));
            }
        };
    }

    private static boolean isVisible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
                && !modifiers.contains(JavaModifier.SYNTHETIC);
    }

    private static boolean isInternal(JavaClass type) {
        return type.getPackageName().startsWith("dev.chatactions") && !EXPORTED.test(type);
    }

    /** Public, in an API package, and not nested in a type that is not (so that an embedder can name it). */
    private static boolean isExported(JavaClass type) {
        return type.getModifiers().contains(JavaModifier.PUBLIC)
                && PackageMatchers.of(API_PACKAGES).test(type.getPackageName())
                && type.getEnclosingClass().map(ArchitectureTest::isExported).orElse(true);
    }
}
