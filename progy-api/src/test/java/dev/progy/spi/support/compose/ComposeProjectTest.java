package dev.progy.spi.support.compose;

import dev.progy.error.CourseInvalidException;
import dev.progy.model.CourseProblem;
import dev.progy.spi.support.compose.ComposeService.Condition;
import dev.progy.spi.support.compose.ComposeService.Dependency;
import dev.progy.spi.support.compose.ComposeService.Kind;
import dev.progy.spi.support.compose.ComposeService.Mount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ComposeProjectTest {

    @TempDir
    Path root;
    Path course;

    @BeforeEach
    void course() throws IOException {
        course = Files.createDirectories(root.resolve("course"));
    }

    private void write(String file, String text) throws IOException {
        Path p = course.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private ComposeProject load(String yaml) throws IOException {
        write("docker-compose.yml", yaml);
        return ComposeProject.load(course, "docker-compose.yml", "app");
    }

    /** The problems of a compose file that must be refused. */
    private List<CourseProblem> problems(String yaml) throws IOException {
        write("docker-compose.yml", yaml);
        CourseInvalidException e = catchThrowableOfType(CourseInvalidException.class,
                () -> ComposeProject.load(course, "docker-compose.yml", "app"));
        assertThat(e).as("refused").isNotNull();
        return e.problems();
    }

    /** A file with service app and a service db holding {@code dbSettings} (indented by the caller's text). */
    private static String withDb(String dbSettings) {
        return """
                services:
                  app:
                    image: progy/busybox:test
                  db:
                    image: progy/busybox:test
                """ + dbSettings.indent(4);
    }

    @Test
    @DisplayName("a realistic compose file (app, database, named volume, health check, depends_on) becomes the run's model, the database first")
    void benignProject() throws IOException {
        write("Dockerfile", "FROM progy/busybox:test\n");
        write("db/init.sql", "create table t (id int);\n");
        write("db.env", "POSTGRES_USER=course\n# a comment\nPOSTGRES_DB=\"shop\"\n");
        write(".env", "DB_PASSWORD=example\n");
        ComposeProject p = load("""
                x-env: &common-env
                  TZ: UTC
                services:
                  app:
                    build: .
                    command: sh -c "echo ready && sleep 1"
                    environment:
                      <<: *common-env
                      DATABASE_URL: postgres://course:${DB_PASSWORD}@db:5432/shop
                    depends_on:
                      db:
                        condition: service_healthy
                    ports:
                      - "8080:8080"
                  db:
                    image: postgres:16
                    env_file: db.env
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                    volumes:
                      - dbdata:/var/lib/postgresql/data
                      - ./db/init.sql:/docker-entrypoint-initdb.d/init.sql:ro
                    healthcheck:
                      test: pg_isready -U course
                      interval: 2s
                      timeout: 1m30s
                      retries: 5
                      start_period: 500ms
                    ports:
                      - "5432:5432"
                volumes:
                  dbdata:
                """);
        assertThat(p.file()).isEqualTo("docker-compose.yml");
        assertThat(p.services()).extracting(ComposeService::name).containsExactly("db", "app");
        assertThat(p.supportingServices()).extracting(ComposeService::name).containsExactly("db");
        assertThat(p.volumes()).containsExactly("dbdata");

        ComposeService app = p.serviceToRun();
        assertThat(app.name()).isEqualTo("app");
        assertThat(app.image()).isEmpty();
        assertThat(app.build()).contains(new ComposeService.Build(".", "Dockerfile", Map.of(), Optional.empty()));
        assertThat(app.command()).contains(List.of("sh", "-c", "echo ready && sleep 1"));
        assertThat(app.environment()).containsEntry("DATABASE_URL", "postgres://course:example@db:5432/shop")
                .containsEntry("TZ", "UTC");
        assertThat(app.dependsOn()).containsExactly(new Dependency("db", Condition.HEALTHY));

        ComposeService db = p.supportingServices().get(0);
        assertThat(db.image()).contains("postgres:16");
        assertThat(db.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("POSTGRES_USER", "course",
                "POSTGRES_DB", "shop", "POSTGRES_PASSWORD", "example"));
        assertThat(db.mounts()).containsExactly(new Mount(Kind.VOLUME, "dbdata", "/var/lib/postgresql/data", false),
                new Mount(Kind.BIND, "db/init.sql", "/docker-entrypoint-initdb.d/init.sql", true));
        assertThat(db.healthcheck()).hasValueSatisfying(h -> {
            assertThat(h.test()).containsExactly("CMD-SHELL", "pg_isready -U course");
            assertThat(h.interval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(h.timeout()).isEqualTo(Duration.ofSeconds(90));
            assertThat(h.retries()).isEqualTo(5);
            assertThat(h.startPeriod()).isEqualTo(Duration.ofMillis(500));
        });
        assertThat(p.testEnvironment()).isEqualTo(Map.of("TZ", "UTC",
                "DATABASE_URL", "postgres://course:example@db:5432/shop"));
        assertThat(p.notes()).anyMatch(n -> n.startsWith("docker-compose.yml (services.db.ports): dropped"))
                .anyMatch(n -> n.startsWith("docker-compose.yml (services.app): command not used"))
                .anyMatch(n -> n.startsWith("docker-compose.yml (services.app.ports): dropped"));
    }

    @Test
    @DisplayName("every way out of the sandbox in one file is refused, all listed at once with the service and the key")
    void everyProblemListedAtOnce() throws IOException {
        List<CourseProblem> problems = problems(withDb("""
                privileged: true
                network_mode: host
                pid: host
                ipc: host
                uts: host
                userns_mode: host
                cap_add: [SYS_ADMIN]
                devices: ["/dev/kvm:/dev/kvm"]
                security_opt: ["seccomp:unconfined"]
                sysctls: {net.ipv4.ip_forward: 1}
                cgroup_parent: /system.slice
                volumes: ["/etc:/host-etc"]
                """));
        assertThat(problems).extracting(CourseProblem::location).containsExactlyInAnyOrder(
                "services.db.privileged", "services.db.network_mode", "services.db.pid", "services.db.ipc",
                "services.db.uts", "services.db.userns_mode", "services.db.cap_add", "services.db.devices",
                "services.db.security_opt", "services.db.sysctls", "services.db.cgroup_parent",
                "services.db.volumes[0]");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("docker-compose.yml");
            assertThat(p.message()).startsWith("refused: ");
        });
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each setting that escapes the sandbox is refused, saying why")
    @CsvSource(delimiter = '|', textBlock = """
            privileged: true                                  | services.db.privileged     | every capability
            network_mode: host                                | services.db.network_mode   | network of your machine
            network_mode: "service:app"                       | services.db.network_mode   | another container
            network_mode: "container:abc"                     | services.db.network_mode   | another container
            pid: host                                         | services.db.pid            | processes of your machine
            ipc: host                                         | services.db.ipc            | share memory
            uts: host                                         | services.db.uts            | host name
            userns_mode: host                                 | services.db.userns_mode    | user namespace
            cgroup: host                                      | services.db.cgroup         | cgroups
            cap_add: [NET_ADMIN]                              | services.db.cap_add        | capabilities
            devices: [/dev/sda]                               | services.db.devices        | devices
            security_opt: [apparmor=unconfined]               | services.db.security_opt   | AppArmor
            security_opt: ["label:disable"]                   | services.db.security_opt   | SELinux
            security_opt: ["seccomp=unconfined"]              | services.db.security_opt   | seccomp
            sysctls: [net.core.somaxconn=1024]                | services.db.sysctls        | kernel settings
            cgroup_parent: my.slice                           | services.db.cgroup_parent  | cgroup
            volumes_from: [other]                             | services.db.volumes_from   | other containers
            external_links: [redis_1]                         | services.db.external_links | not part of the run
            runtime: runc                                     | services.db.runtime        | runtime
            use_api_socket: true                              | services.db.use_api_socket | engine's socket
            secrets: [token]                                  | services.db.secrets        | not supported
            unknown_key: 1                                    | services.db.unknown_key    | not a compose key Progy knows
            """)
    void eachEscapeRefused(String setting, String location, String why) throws IOException {
        assertThat(problems(withDb(setting))).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(location);
            assertThat(p.message()).startsWith("refused: ").contains(why);
        });
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a host path outside the course is refused wherever the file names one")
    @CsvSource(delimiter = '|', textBlock = """
            volumes: ["/etc:/x"]                                        | services.db.volumes[0]        | path on your machine
            volumes: ["~/.ssh:/x:ro"]                                   | services.db.volumes[0]        | path on your machine
            volumes: ["../secrets:/x"]                                  | services.db.volumes[0]        | leads out of the course
            volumes: ["./link-out:/x"]                                  | services.db.volumes[0]        | through a link
            volumes: [{type: bind, source: /var/run/docker.sock, target: /s}] | services.db.volumes[0]  | path on your machine
            volumes: ["./data:/x:rshared"]                              | services.db.volumes[0]        | propagation
            volumes: [{type: npipe, source: x, target: /x}]             | services.db.volumes[0]        | named pipe
            build: /srv/app                                             | services.db.build             | path on your machine
            build: {context: ., dockerfile: ../Dockerfile}              | services.db.build.dockerfile  | leads out of the course
            build: https://github.com/x/y.git                           | services.db.build             | remote address
            build: {context: ., network: host}                          | services.db.build.network     | your machine's network
            env_file: /etc/environment                                  | services.db.env_file[0]       | path on your machine
            env_file: [../outside.env]                                  | services.db.env_file[0]       | leads out of the course
            extends: {file: ../base.yml, service: db}                   | services.db.extends.file      | leads out of the course
            """)
    void hostPathsRefused(String setting, String location, String why) throws IOException {
        Files.createDirectories(course.resolve("data"));
        Files.writeString(course.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(root.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(root.resolve("outside.env"), "A=1\n");
        Files.writeString(root.resolve("base.yml"), "services: {db: {privileged: true}}\n");
        Files.createSymbolicLink(course.resolve("link-out"), Path.of("/etc"));
        assertThat(problems(withDb(setting))).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(location);
            assertThat(p.message()).startsWith("refused: ").contains(why);
        });
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("volumes and networks that are not the run's own are refused")
    @CsvSource(delimiter = '|', textBlock = """
            volumes: {data: {external: true}}                              | volumes.data.external
            volumes: {data: {driver: nfs}}                                 | volumes.data.driver
            volumes: {data: {driver_opts: {type: none, o: bind, device: /}}} | volumes.data.driver_opts
            networks: {outside: {external: true}}                          | networks.outside.external
            include: [other.yml]                                           | include
            """)
    void sharedVolumesAndNetworksRefused(String topLevel, String location) throws IOException {
        assertThat(problems("services: {app: {image: x}}\n" + topLevel + "\n")).singleElement()
                .satisfies(p -> assertThat(p.location()).isEqualTo(location));
    }

    @Test
    @DisplayName("ports are dropped with a note, not published; harmless settings are ignored with a note")
    void portsDropped() throws IOException {
        ComposeProject p = load(withDb("ports: [\"5432:5432\"]\nrestart: always\ncontainer_name: mydb\n"));
        assertThat(p.notes()).containsExactly(
                "docker-compose.yml (services.db.ports): dropped: a run publishes nothing on your machine; the test"
                        + " reaches every service by its name on the run's private network",
                "docker-compose.yml (services.db.restart): ignored: the run's services live as long as the run",
                "docker-compose.yml (services.db.container_name): ignored: Progy names the run's containers itself");
    }

    @Test
    @DisplayName("a course folder mounted read-write is mounted read-only, with a note")
    void bindsAreReadOnly() throws IOException {
        Files.createDirectories(course.resolve("seed"));
        ComposeProject p = load(withDb("volumes: [\"./seed:/seed\", {type: bind, source: ./seed, target: /s2}]"));
        assertThat(p.supportingServices().get(0).mounts()).containsExactly(
                new Mount(Kind.BIND, "seed", "/seed", true), new Mount(Kind.BIND, "seed", "/s2", true));
        assertThat(p.notes()).anyMatch(n -> n.contains("mounted read-only"));
    }

    @Test
    @DisplayName("variables come from the course's .env and defaults, never from this machine's environment")
    void variablesNeverFromHost() throws IOException {
        write(".env", "TAG=16\n");
        ComposeProject p = load(withDb("""
                environment:
                  FROM_HOST: "${HOME}"
                  WITH_DEFAULT: "${MISSING:-fallback}"
                  LITERAL: "$$HOME"
                  TAGGED: "v${TAG}"
                  NO_VALUE:
                """));
        assertThat(System.getenv("HOME")).as("the test needs HOME set on this machine").isNotBlank();
        assertThat(p.supportingServices().get(0).environment()).isEqualTo(Map.of("FROM_HOST", "",
                "WITH_DEFAULT", "fallback", "LITERAL", "$HOME", "TAGGED", "v16"));
        assertThat(p.notes()).anyMatch(n -> n.contains("${HOME}") && n.contains("never reads"))
                .anyMatch(n -> n.contains("services.db.environment.NO_VALUE") && n.contains("no value"));
    }

    @Test
    @DisplayName("a required variable that is not set is a problem naming it")
    void requiredVariable() throws IOException {
        assertThat(problems(withDb("environment: {A: \"${SECRET_THING:?set it}\"}"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("SECRET_THING").contains("set it"));
    }

    @Test
    @DisplayName("a string command is split into words like compose does, never handed to a shell; lists stay as written")
    void commandsSplit() throws IOException {
        ComposeProject p = load(withDb("""
                entrypoint: ["/bin/tini", "--"]
                command: httpd -f -p '8080' -h "/srv/my www" a\\ b
                """));
        ComposeService db = p.supportingServices().get(0);
        assertThat(db.entrypoint()).contains(List.of("/bin/tini", "--"));
        assertThat(db.command()).contains(List.of("httpd", "-f", "-p", "8080", "-h", "/srv/my www", "a b"));
    }

    @Test
    @DisplayName("the service to run is missing: a problem naming it and the services there are")
    void missingServiceToRun() throws IOException {
        write("docker-compose.yml", "services: {web: {image: x}, db: {image: y}}\n");
        assertThatThrownBy(() -> ComposeProject.load(course, "docker-compose.yml", "app"))
                .isInstanceOf(CourseInvalidException.class)
                .hasMessageContaining("has no service 'app', the runner's service_to_run")
                .hasMessageContaining("web, db");
    }

    @Test
    @DisplayName("a compose file that is missing, outside the course, not a mapping or not YAML is a clear course error")
    void unreadableFiles() throws IOException {
        assertThatThrownBy(() -> ComposeProject.load(course, "", "")).isInstanceOf(CourseInvalidException.class)
                .hasMessageContaining("docker-compose.yml").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ComposeProject.load(course, "../elsewhere.yml", "app"))
                .isInstanceOf(CourseInvalidException.class).hasMessageContaining("leads out of the course");
        assertThat(problems("- just\n- a list\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a mapping"));
        assertThat(problems("plain text\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a mapping"));
        assertThat(problems("services:\n  app: [unclosed\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not valid YAML"));
        assertThat(problems("services: {app: {image: x}}\n---\nservices: {}\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("more than one YAML document"));
        assertThat(problems("services:\n  app: {image: x}\n  app: {image: y}\n")).singleElement()
                .satisfies(p -> assertThat(p).extracting(CourseProblem::location, q -> q.message().contains("'app' twice")).containsExactly("line 3", true));
    }

    @Test
    @DisplayName("a YAML bomb of aliases is refused at once, before it expands")
    void yamlBombRefused() throws IOException {
        StringBuilder bomb = new StringBuilder("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = "*" + (char) (c - 1);
            bomb.append("x-").append(c).append(": &").append(c).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        bomb.append("services: {app: {image: x, labels: *j}}\n");
        long t0 = System.nanoTime();
        assertThat(problems(bomb.toString())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expands to more than"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("an oversized compose file is refused without being parsed")
    void oversizedRefused() throws IOException {
        assertThat(problems("# " + "x".repeat(ComposeProject.MAX_FILE_BYTES) + "\nservices: {}\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("larger than"));
    }

    @Test
    @DisplayName("depends_on on an unknown service, on itself or in a loop is a problem")
    void dependencyProblems() throws IOException {
        List<CourseProblem> problems = problems("""
                services:
                  app: {image: x, depends_on: [ghost]}
                  a: {image: x, depends_on: [b]}
                  b: {image: x, depends_on: {a: {condition: service_started}}}
                  c: {image: x, depends_on: [c]}
                """);
        assertThat(problems).extracting(CourseProblem::message).anyMatch(m -> m.contains("'ghost'"))
                .anyMatch(m -> m.contains("loop: a -> b -> a")).anyMatch(m -> m.contains("depend on itself"));
    }

    @Test
    @DisplayName("a service may extend one of a file inside the course, its paths read from that file's folder")
    void extendsInsideCourse() throws IOException {
        write("common/base.yml", """
                services:
                  base:
                    image: progy/busybox:test
                    environment: {A: "1", B: "1"}
                    volumes: ["./seed:/seed:ro"]
                """);
        Files.createDirectories(course.resolve("common/seed"));
        ComposeProject p = load("""
                services:
                  app:
                    extends: {file: common/base.yml, service: base}
                    environment: {B: "2"}
                """);
        ComposeService app = p.serviceToRun();
        assertThat(app.image()).contains("progy/busybox:test");
        assertThat(app.environment()).isEqualTo(Map.of("A", "1", "B", "2"));
        assertThat(app.mounts()).containsExactly(new Mount(Kind.BIND, "common/seed", "/seed", true));
    }

    @Test
    @DisplayName("a health check can be disabled, and a list test must say CMD, CMD-SHELL or NONE")
    void healthchecks() throws IOException {
        ComposeProject p = load(withDb("healthcheck: {disable: true}"));
        assertThat(p.supportingServices().get(0).healthcheck()).hasValueSatisfying(h -> assertThat(h.disabled()).isTrue());
        assertThat(problems(withDb("healthcheck: {test: [pg_isready]}"))).singleElement()
                .satisfies(q -> assertThat(q.message()).contains("CMD, CMD-SHELL or NONE"));
        assertThat(problems(withDb("healthcheck: {test: [CMD, x], interval: 5}"))).singleElement()
                .satisfies(q -> assertThat(q.message()).contains("not a duration"));
    }

    @Test
    @DisplayName("a built service's image name is not used, so a course cannot stand in for a public image")
    void builtImageNameNotUsed() throws IOException {
        write("web/Dockerfile", "FROM progy/busybox:test\n");
        write("web/alt.Dockerfile", "FROM progy/busybox:test\n");
        ComposeProject p = load("""
                services:
                  app: {image: progy/busybox:test}
                  web:
                    image: nginx:latest
                    build: {context: web, dockerfile: alt.Dockerfile, args: [VERSION=2], target: final}
                """);
        ComposeService web = p.supportingServices().get(0);
        assertThat(web.image()).isEmpty();
        assertThat(web.build()).contains(new ComposeService.Build("web", "alt.Dockerfile", Map.of("VERSION", "2"),
                Optional.of("final")));
        assertThat(p.notes()).anyMatch(n -> n.contains("services.web.image") && n.contains("progy/ namespace"));
    }

    @Test
    @DisplayName("the test gets the run service's environment, less names that look like secrets or that the sandbox refuses, each noted")
    void testEnvironmentWithoutSecrets() throws IOException {
        ComposeProject p = load("""
                services:
                  app:
                    image: progy/busybox:test
                    environment: {DB_HOST: db, DB_PASSWORD: example, log.level: debug}
                """);
        assertThat(p.serviceToRun().environment()).containsEntry("DB_PASSWORD", "example");
        assertThat(p.testEnvironment()).isEqualTo(Map.of("DB_HOST", "db"));
        assertThat(p.notes()).anyMatch(n -> n.contains("services.app.environment.log.level") && n.contains("not passed"));
        assertThat(p.notes()).anyMatch(n -> n.contains("services.app.environment.DB_PASSWORD")
                && n.contains("looks like a secret"));
    }
}
