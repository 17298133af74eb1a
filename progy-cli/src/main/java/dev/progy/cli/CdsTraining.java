package dev.progy.cli;

import dev.progy.cli.resident.HelperSlot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload the build runs once with {@code -XX:ArchiveClassesAtExit} so that the class-data-sharing archive
 * holds the classes a real session loads (init, list, run, hint, progress, validate, telemetry). Not a user command.
 */
final class CdsTraining {
    static final String COMMAND = "__cds-training";

    private CdsTraining() { }

    static int run(String course, String workspace) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        String[][] session = {
                {"--version"}, {"--help"}, {"validate", course}, {"init", course, workspace},
                {"list", "-C", workspace}, {"list", "--json", "-C", workspace},
                {"telemetry", "on", "-C", workspace}, {"run", "-C", workspace},
                {"run", "--json", "-C", workspace}, {"hint", "-C", workspace}, {"progress", "-C", workspace},
                {"progress", "--json", "-C", workspace}, {"run", "no-such-exercise", "-C", workspace},
                {"telemetry", "off", "-C", workspace},
        };
        for (String[] args : session) {
            try (CliContext ctx = new CliContext(Path.of("").toAbsolutePath(), new BufferedReader(new StringReader("")),
                    sink, sink, Map.copyOf(System.getenv()), false)) {
                Main.run(args, ctx);
            }
            // what every command does after its work in a JVM of its own (nothing here: no launcher's helper folder)
            HelperSlot.afterCommand(List.of(args), Path.of("").toAbsolutePath(), System.getenv());
        }
        containerSession(sink, Path.of(workspace).resolveSibling(Path.of(workspace).getFileName() + "-containers"));
        uiSession(workspace);
        return 0;
    }

    /**
     * {@code progy ui} serving its map and an exercise page once, then stopped by its Stop button: its server's and
     * templates' classes are archived too, so that its first page comes about as fast as {@code progy list}.
     */
    private static void uiSession(String workspace) {
        java.io.StringWriter printed = new java.io.StringWriter();
        Thread ui = new Thread(() -> {
            try (CliContext ctx = new CliContext(Path.of("").toAbsolutePath(), new BufferedReader(new StringReader("")),
                    new PrintWriter(printed, true), new PrintWriter(Writer.nullWriter()), Map.copyOf(System.getenv()), false)) {
                Main.run(new String[] {"ui", "--no-open", "--idle-timeout", "20", "-C", workspace}, ctx);
            }
        }, "progy-cds-training-ui");
        ui.setDaemon(true);
        ui.start();
        try {
            java.util.regex.Matcher m = null;
            for (int i = 0; i < 200 && (m == null || !m.find()); i++) {
                Thread.sleep(50);
                m = java.util.regex.Pattern.compile("127\\.0\\.0\\.1:(\\d+)/\\?token=(\\S+)").matcher(printed.toString());
            }
            if (m == null || !m.find(0)) {
                return;
            }
            int port = Integer.parseInt(m.group(1));
            String cookie = "progy_ui_" + port + "=" + m.group(2);
            String map = "";
            for (String[] request : new String[][] {{"GET", "/?token=" + m.group(2)}, {"GET", "/"}, {"GET", "exercise"},
                    {"GET", "/static/ui.css"}, {"GET", "/progress"}, {"POST", "/stop"}}) {
                String path = request[1];
                if (path.equals("exercise")) {
                    java.util.regex.Matcher link = java.util.regex.Pattern.compile("/exercise\\?id=[^\"]+").matcher(map);
                    path = link.find() ? link.group() : "/exercise?id=none";
                }
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    s.getOutputStream().write((request[0] + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                            + "\r\nCookie: " + cookie + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    if (path.equals("/")) {
                        map = answer;
                    }
                }
            }
            ui.join(10_000);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // a training that ends early archives fewer classes; the build goes on
        }
    }

    /**
     * Doctor, gc and a container course's run against a {@link TrainingEngine} standing in for Docker and Podman:
     * the engine clients' classes (connection, requests, answers, errors) are then archived too. Bounded in time,
     * so a client that waits for more than the stand-in says cannot hold up the build.
     */
    private static void containerSession(PrintWriter sink, Path dir) {
        Thread session = new Thread(() -> {
            try (TrainingEngine engine = new TrainingEngine(Files.createDirectories(dir).resolve("engine.sock"))) {
                Path course = Files.createDirectories(dir.resolve("course"));
                Files.writeString(course.resolve("course.json"), "{\"id\": \"cds\", \"name\": \"CDS\", \"runners\":"
                        + " [{\"id\": \"box\", \"type\": \"docker-file\", \"command\": \"sh\", \"args\": [\"check.sh\"]}]}");
                Files.writeString(course.resolve("Dockerfile"), "FROM scratch\n");
                Path exercise = Files.createDirectories(course.resolve("content/01_m/01_e"));
                Files.writeString(exercise.resolve("README.md"), "# E\n");
                Files.writeString(exercise.resolve("exercise.sh"), "exit 0\n");
                String ws = dir.resolve("ws").toString();
                // what the Podman runner keeps of an engine (EngineFacts) stays in the training's folder
                System.setProperty(dev.progy.spi.support.CacheFolders.PROPERTY, dir.resolve("cache").toString());
                Map<String, String> env = new HashMap<>(System.getenv());
                // the settings' own keys (docker.host, podman.host) win over the variables a real engine may have set
                env.put("DOCKER_HOST", engine.uri());
                env.put("PODMAN_HOST", engine.uri());
                env.put("CONTAINER_HOST", engine.uri());
                String[][] commands = {
                        {"init", course.toString(), ws}, {"doctor"}, {"doctor", "--json"}, {"gc", "--dry-run"},
                        {"run", "01_m/01_e", "-C", ws, "--engine", "docker"}, {"run", "01_m/01_e", "-C", ws, "--engine", "podman"},
                };
                for (String[] args : commands) {
                    try (CliContext ctx = new CliContext(Path.of("").toAbsolutePath(),
                            new BufferedReader(new StringReader("")), sink, sink, Map.copyOf(env), false)) {
                        Main.run(args, ctx);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a training that ends early archives fewer classes; the build goes on
            }
        }, "progy-cds-training-containers");
        session.setDaemon(true);
        session.start();
        try {
            session.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
