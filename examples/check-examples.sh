#!/usr/bin/env bash
# For course authors: checks that every exercise of a course is sound, i.e. that its starter FAILS and
# that its solution PASSES when run by the course's own runner (the first in course.json).
#
#   examples/check-examples.sh                     every course in examples/
#   examples/check-examples.sh path/to/course ...  the courses given
#
# Each course is copied to a temporary folder and used the way a student would: the runner runs with the
# copy as its working directory and PROGY_OUTPUT_DIR set to an empty folder. For the solution run, the
# exercise's solution/ folder (or its solution.* file) is copied over the starter. One line per exercise;
# the exit status is non-zero if any exercise does not behave. Needs bash, python3 (to read JSON) and
# whatever the courses' runners need (a JDK for java-basics).
set -uo pipefail

examples=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Prints, NUL-separated: the exercises folder, the runner's cwd, its timeout, its command and its args.
read_runner() {
    python3 - "$1/course.json" <<'PY'
import json, sys
course = json.load(open(sys.argv[1], encoding="utf-8"))
runner = (course.get("runners") or [course.get("runner")])[0]  # "runner": the original's older form
fields = [course.get("content", {}).get("exercises", "content"), runner.get("cwd", "."),
          str(runner.get("timeout_seconds", 20)), runner["command"], *runner.get("args", [])]
sys.stdout.write("".join(f + "\0" for f in fields))
PY
}

# Prints "<status> <detail>" for one run from its stdout and its output folder:
# results.json first, else the SRP block, else "none" (then only the exit code tells).
summarise() {
    python3 - "$1" "$2/results.json" <<'PY'
import json, os, sys
out = open(sys.argv[1], encoding="utf-8", errors="replace").read()
try:
    if os.path.exists(sys.argv[2]):
        report = json.load(open(sys.argv[2], encoding="utf-8"))
        status, tests, problems = report["status"], report.get("tests", []), []
        message = report.get("message") or ""
    elif "__SRP_BEGIN__" in out:
        block = out.split("__SRP_BEGIN__", 1)[1].split("__SRP_END__", 1)[0]
        report = json.loads(block)
        tests, problems = report.get("tests", []), report.get("diagnostics", [])
        status = "pass" if report.get("success") else ("fail" if tests and not problems else "error")
        message = report.get("summary") or ""
    else:
        print("none (no results.json, no SRP block)")
        sys.exit()
except (ValueError, KeyError, TypeError, AttributeError) as e:
    print(f"broken report: {type(e).__name__}: {e}")
    sys.exit()
passed = sum(1 for t in tests if t.get("status") == "pass")
detail = f"{passed}/{len(tests)}"
failed = [t for t in tests if t.get("status") != "pass"]
if failed:
    detail += f", {failed[0]['name']}: {failed[0].get('message') or ''}"
elif status != "pass":
    where = f"{problems[0].get('file')}:{problems[0].get('line')}: " if problems else ""
    detail = where + (problems[0]["message"] if problems else message)
detail = " ".join(detail.split())
print(status, detail if len(detail) <= 90 else detail[:87] + "...")
PY
}

now_ms() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then # bash 5
        local micros=${EPOCHREALTIME/[.,]/}
        echo $(( micros / 1000 ))
    else
        echo $(( $(date +%s) * 1000 ))
    fi
}

# The entry file of an exercise folder, by the format's candidate order.
entry_file() {
    local name
    for name in exercise.rs exercise.sql exercise.py exercise.ts exercise.js main.rs index.ts main.go \
                index.js main.py exercise.java Main.java; do
        if [[ -f $1/$name ]]; then echo "$name"; return; fi
    done
    for name in "$1"/exercise.*; do
        if [[ -f $name ]]; then basename -- "$name"; return; fi
    done
}

# Runs the course runner on one exercise; sets run_exit and run_summary.
run_exercise() { # course_copy exercises_folder cwd timeout relative_id entry command args...
    local copy=$1 folder=$2 cwd=$3 limit=$4 id=$5 entry=$6
    shift 6
    local out_dir arg argv=()
    out_dir=$(mktemp -d "$scratch/out.XXXX")
    for arg in "$@"; do
        # replacements quoted, so that bash 5.2 does not read a & in a path as "the matched text"
        arg=${arg//'{{exercise}}'/"$id/$entry"}
        arg=${arg//'{{id}}'/"$id"}
        arg=${arg//'{{module}}'/"${id%%/*}"}
        arg=${arg//'{{dir}}'/"$copy/$folder/$id"}
        arg=${arg//'{{file}}'/"$copy/$folder/$id/$entry"}
        argv+=("$arg")
    done
    if command -v timeout >/dev/null; then argv=(timeout "$limit" "${argv[@]}"); fi
    (cd "$copy/$cwd" && PROGY_OUTPUT_DIR=$out_dir "${argv[@]}") >"$out_dir.log" 2>&1
    run_exit=$?
    run_summary=$(summarise "$out_dir.log" "$out_dir")
}

check_course() {
    local course=$1 name copy spec field folder cwd limit module exercise id entry started solution
    local starter_line solution_line verdict
    name=$(basename -- "$(cd -- "$course" && pwd)")
    copy=$scratch/$name
    cp -R -- "$course" "$copy"
    spec=()
    while IFS= read -r -d '' field; do spec+=("$field"); done < <(read_runner "$copy")
    [[ ${#spec[@]} -ge 4 ]] || return 1
    folder=${spec[0]} cwd=${spec[1]} limit=${spec[2]}
    local command=("${spec[@]:3}")

    for module in "$copy/$folder"/[0-9][0-9]_*/; do
        for exercise in "$module"[0-9][0-9]_*/; do
            [[ -d $exercise ]] || continue # the glob matched nothing
            id=$(basename -- "$module")/$(basename -- "$exercise")
            entry=$(entry_file "$exercise")
            if [[ -z $entry ]]; then
                echo "MISMATCH $name $id: no entry file"; failures=$((failures + 1)); continue
            fi
            started=$(now_ms)
            verdict=ok

            run_exercise "$copy" "$folder" "$cwd" "$limit" "$id" "$entry" "${command[@]}"
            starter_line="starter: $run_summary"
            if [[ $run_exit -eq 0 || $run_summary == pass* ]]; then verdict=MISMATCH; fi

            cp -- "$exercise$entry" "$scratch/starter"
            solution=
            for solution in "${exercise}solution" "${exercise}"solution.*; do
                [[ -e $solution ]] && break
            done
            if [[ -d $solution ]]; then
                cp -R -- "$solution/." "$exercise"
            elif [[ -f $solution ]]; then
                cp -- "$solution" "$exercise$entry"
            fi
            if [[ -e $solution ]]; then
                run_exercise "$copy" "$folder" "$cwd" "$limit" "$id" "$entry" "${command[@]}"
                solution_line="solution: $run_summary"
                if [[ $run_exit -ne 0 || $run_summary != pass* && $run_summary != none* ]]; then verdict=MISMATCH; fi
                cp -- "$scratch/starter" "$exercise$entry"
            else
                solution_line="solution: none (expected solution/ or solution.*)"
                verdict=MISMATCH
            fi

            printf '%-8s %s %-32s %5d ms | %s | %s\n' "$verdict" "$name" "$id" \
                $(( $(now_ms) - started )) "$solution_line" "$starter_line"
            [[ $verdict == ok ]] || failures=$((failures + 1))
        done
    done
}

failures=0
if [[ $# -eq 0 ]]; then
    set -- "$examples"/*/course.json
    set -- "${@%/course.json}"
fi
for course in "$@"; do
    if [[ ! -f $course/course.json ]]; then
        echo "MISMATCH $course: no course.json there"; failures=$((failures + 1))
    elif ! check_course "${course%/}"; then
        echo "MISMATCH $course: cannot read the first runner of its course.json"; failures=$((failures + 1))
    fi
done
echo "$failures exercise(s) not behaving"
[[ $failures -eq 0 ]]
