#!/usr/bin/env python3
"""Writes the leak guard's development corpus: for each exercise (the sample courses' Java and Python exercises,
plus the Rust, Go and SQL ones in extra.py) its starter, solution and own names, and lessons a model might write:
leaky ones (the solution verbatim, renamed, bare lines in the prose, spelled out in inline code) and clean ones
(the concept on a different problem, the student's own starter quoted, calls and expected values, a skeleton).
Run from this folder: python3 make_corpus.py ../../../../../examples  (deterministic; the output is committed)."""
import hashlib, os, re, shutil, sys
sys.dont_write_bytecode = True
from extra import EXTRA

EXAMPLES = sys.argv[1] if len(sys.argv) > 1 else "../../../../../examples"
OUT = os.path.dirname(os.path.abspath(__file__))

KEEP = set("""if else elif for while return def in not and or is None True False class import from pass break continue
public private static final void int long double float boolean char new this null true false var let mut fn func
range make len append print println String List ArrayList Map HashMap Math System out abs max min sum sorted str
package struct impl pub self Self usize bool string map Vec chars collect filter count contains to_lowercase get
lower isalpha lambda key SELECT FROM WHERE GROUP BY ORDER AS DESC LIMIT SUM""".split())
NEW_NAMES = ["value", "item", "acc", "current", "piece", "entry", "thing", "slot", "cursor", "word2"]

def dialect(name):
    return "python" if name.endswith(".py") else "java" if name.endswith(".java") else \
        "rust" if name.endswith(".rs") else "go" if name.endswith(".go") else "sql"

def exercises():
    out = {}
    for course in ("java-basics", "python-original"):
        root = os.path.join(EXAMPLES, course, "content")
        for module in sorted(os.listdir(root)):
            mdir = os.path.join(root, module)
            if not os.path.isdir(mdir):
                continue
            for ex in sorted(os.listdir(mdir)):
                d = os.path.join(mdir, ex)
                if not os.path.isdir(d):
                    continue
                if course == "java-basics":
                    starter = open(os.path.join(d, "Main.java")).read()
                    solution = open(os.path.join(d, "solution", "Main.java")).read()
                    file = "Main.java"
                else:
                    starter = open(os.path.join(d, "exercise.py")).read()
                    solution = open(os.path.join(d, "solution.py")).read()
                    file = "exercise.py"
                names = own_names(starter, file)
                out[f"{'java' if course == 'java-basics' else 'python'}/{module}_{ex}"] = dict(
                    file=file, starter=starter, solution=solution, names=names)
    for k, v in EXTRA.items():
        out[k] = dict(v)
    return out

def own_names(starter, file):
    if file.endswith(".py"):
        return re.findall(r"^def (\w+)\(", starter, re.M)
    return [n for n in re.findall(r"static [\w<>\[\], ]+? (\w+)\(", starter) if n != "main"]

def secret_lines(ex):
    known = {}
    for l in ex["starter"].splitlines():
        known[l.strip()] = known.get(l.strip(), 0) + 1
    out = []
    for l in ex["solution"].splitlines():
        s = l.strip()
        if known.get(s, 0) > 0:
            known[s] -= 1
        elif s and not s.startswith(("//", "#", "--", "/*", "*")):
            out.append(l)
    return out

def dedent(lines):
    ind = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
    return [l[ind:] for l in lines]

def strip_comments(code, lang):
    if lang == "python":
        code = re.sub(r'"""[\s\S]*?"""', "", code)
        return "\n".join(l for l in (re.sub(r"\s+#.*$", "", x) for x in code.splitlines()) if not l.strip().startswith("#"))
    if lang == "sql":
        return "\n".join(l for l in code.splitlines() if not l.strip().startswith("--"))
    code = re.sub(r"/\*[\s\S]*?\*/", "", code)
    return "\n".join(l for l in (re.sub(r"\s*//.*$", "", x) for x in code.splitlines()))

def renamed(ex):
    lang = dialect(ex["file"])
    secret = "\n".join(secret_lines(ex))
    cands = []
    for m in re.finditer(r"(?<![.\w])([a-z_][A-Za-z0-9_]*)\b(?!\s*\()", secret):
        w = m.group(1)
        if w not in KEEP and w not in ex["names"] and w not in cands and not re.match(r"^[A-Z]", w):
            cands.append(w)
    code = strip_comments(ex["solution"], lang)
    for i, w in enumerate(cands):
        code = re.sub(r"(?<![.\w\"'])" + re.escape(w) + r"\b(?![\"'])", NEW_NAMES[i % len(NEW_NAMES)], code)
    return code

def h(s):
    return int(hashlib.sha256(s.encode()).hexdigest(), 16)

POOL = {
 "python": [
  ("counting with a condition", '''def count_long_words(words):
    count = 0
    for word in words:
        if len(word) > 3:
            count += 1
    return count'''),
  ("building a string step by step", '''def initials(full_name):
    letters = ""
    for part in full_name.split():
        letters += part[0].upper()
    return letters'''),
  ("a dictionary as a lookup table", '''prices = {"apple": 0.5, "pear": 0.75}
print(prices.get("plum", 0))'''),
  ("choosing between cases", '''def describe_temperature(celsius):
    if celsius < 0:
        return "freezing"
    if celsius < 15:
        return "cold"
    return "warm"'''),
  ("list comprehensions", '''squares = [n * n for n in range(1, 6)]
print(squares)  # [1, 4, 9, 16, 25]'''),
  ("f-strings", '''city = "Lyon"
print(f"Welcome to {city}.")'''),
 ],
 "java": [
  ("looping over a list", '''List<String> names = List.of("Ada", "Linus");
for (String n : names) {
    System.out.println(n.length());
}'''),
  ("building text", '''StringBuilder line = new StringBuilder();
for (int row = 0; row < 3; row++) {
    line.append('*');
}
System.out.println(line);'''),
  ("choosing between cases", '''static String describeTemperature(int celsius) {
    if (celsius < 0) {
        return "freezing";
    }
    return celsius < 15 ? "cold" : "warm";
}'''),
  ("maps", '''Map<String, Integer> stock = new HashMap<>();
stock.put("pears", 4);
System.out.println(stock.getOrDefault("plums", 0));'''),
  ("integer and decimal division", '''int apples = 7;
System.out.println(apples / 2);    // 3: both sides are int
System.out.println(apples / 2.0);  // 3.5'''),
  ("the remainder operator", '''int minutes = 135;
System.out.println(minutes / 60 + " h " + minutes % 60 + " min");'''),
 ],
 "rust": [
  ("iterators", '''let total: i32 = vec![1, 2, 3].iter().map(|x| x * 10).sum();
println!("{}", total);'''),
  ("indexing a vector", '''let v = vec![10, 20, 30];
let last = v[v.len() - 1];'''),
 ],
 "go": [
  ("slices and append", '''names := []string{}
names = append(names, "Ada")
fmt.Println(len(names))'''),
  ("maps", '''ages := map[string]int{"Ada": 36}
age, ok := ages["Linus"]
fmt.Println(age, ok)'''),
 ],
 "sql": [
  ("grouping", '''SELECT country, COUNT(*) AS people
FROM users
GROUP BY country;'''),
  ("sorting and limiting", '''SELECT title FROM books ORDER BY published DESC LIMIT 5;'''),
 ],
}

INTRO = ["Let's look at the idea behind this exercise.", "You are close; the tests point at one misconception.",
         "Here is what the failing test is telling you.", "Think about the order in which things happen."]

def lesson(title, body):
    return f"# {title}\n\n{body.strip()}\n"

def leaky(id, ex):
    lang = dialect(ex["file"])
    name = ex["names"][0] if ex["names"] else "the query"
    sec = dedent(secret_lines(ex))
    out = {}
    out["verbatim"] = lesson("Misconception: " + name, f"""{INTRO[h(id) % 4]}

The whole thing fits together like this:

```{lang}
{ex["solution"].strip()}
```

Compare it with your version line by line.""")
    out["renamed"] = lesson("Understanding " + name, f"""{INTRO[(h(id) + 1) % 4]} A version with clearer names may help:

```{lang}
{renamed(ex).strip()}
```

Notice how each step follows from the previous one.""")
    out["bare-lines"] = lesson("The missing step", f"""{INTRO[(h(id) + 2) % 4]}
The part you are missing is:

""" + "\n".join(sec) + """

Once that is in place, run the tests again.""")
    spans = " then ".join("`" + l.strip() + "`" for l in sec)
    out["inline"] = lesson("Step by step", f"""{INTRO[(h(id) + 3) % 4]} Write {spans}, and the test will pass.""")
    return out

def clean(id, ex):
    lang = dialect(ex["file"])
    name = ex["names"][0] if ex["names"] else "your query"
    pool = POOL[lang]
    t1, ex1 = pool[h(id) % len(pool)]
    t2, ex2 = pool[(h(id) + 1) % len(pool)]
    out = {}
    out["concept"] = lesson("Concept: " + t1, f"""The tests show that your code stops one step short. The idea at stake
is **{t1}**. Here it is on a different problem:

```{lang}
{ex1}
```

Which line of your `{name}` plays the same role? What should it start from?""")
    starter = ex["starter"].strip()
    out["quotes-starter"] = lesson("Reading your code", f"""This is the code you started from:

```{lang}
{starter}
```

The comment marked TODO tells you which part is yours. Before writing it, say out loud what the result should be
for the first test's input, then compare with what the function returns today. The README's section on
{t2} covers the tool you need.""")
    calls = ", ".join(f"`{n}(…)`" for n in ex["names"][:3]) or "the query"
    stub = ""
    if lang == "python" and ex["names"]:
        stub = f"```python\ndef {ex['names'][0]}(...):\n    ...  # your code here\n```"
    elif lang == "java" and ex["names"]:
        stub = f"```java\n// inside Main\n// {ex['names'][0]}(...) {{ /* your code here */ }}\n```"
    out["calls"] = lesson("What the tests expect", f"""Each test calls {calls} with one input and compares the result
with the expected value. Try it by hand on a small input first. Keep the shape you were given:

{stub}

Then ask yourself: what is the simplest case, and which case must be checked first?""")
    out["different-example"] = lesson("A small example: " + t2, f"""The misconception here is about **{t2}**.
A tiny example that is not your exercise:

```{lang}
{ex2}
```

Question: if you changed one value in this example, which output would change, and why? Use the same reasoning
on your own function.""")
    return out

def main():
    for d in ("exercises", "lessons"):
        shutil.rmtree(os.path.join(OUT, d), ignore_errors=True)
    for id, ex in sorted(exercises().items()):
        folder = id.replace("/", "__")
        base = os.path.join(OUT, "exercises", folder)
        os.makedirs(os.path.join(base, "starter"))
        os.makedirs(os.path.join(base, "solution"))
        open(os.path.join(base, "starter", ex["file"]), "w").write(ex["starter"])
        open(os.path.join(base, "solution", ex["file"]), "w").write(ex["solution"])
        open(os.path.join(base, "names.txt"), "w").write("\n".join(ex["names"]) + "\n")
        for kind, lessons in (("leaky", leaky(id, ex)), ("clean", clean(id, ex))):
            d = os.path.join(OUT, "lessons", kind)
            os.makedirs(d, exist_ok=True)
            for variant, text in lessons.items():
                open(os.path.join(d, f"{folder}--{variant}.md"), "w").write(text)

main()
