"""The repository is self-contained: a clone placed anywhere, with nothing beside it, runs its tests
and benchmarks.

A tracked file (``git ls-files``, plus new files git does not ignore) must not name a path outside
the repository. Precisely, it fails on:

1. an absolute path into a machine's own trees: the home, root, work, Users, mnt and srv folders
   at the top of the file system, written as a path (after a space, quote, bracket, ``=`` or at a
   line's start, or in a ``file://`` URL). Not inside a URL's path (``https://host/home/``) or
   another path. System paths every Debian machine has (``/usr/bin/chromium``, ``/etc/passwd`` in
   the security tests, ``/dev/null``, ``/tmp``) are allowed;
2. the ``shared`` folder beside the checkout (the developers' material), reached by a parent step
   (dot-dot, slash, shared; or the same joined with ``/`` as Path parts);
3. in Python, ``Path(__file__)`` climbed (``.parent`` … or ``.parents[n]``) above the repository's
   root, whatever is joined to it next.

And ``bench/`` imports nothing from ``tests/``; every file under ``tests/data/`` is described in
``tests/data/README.md``.
"""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

from .paths import DATA_DIR, DOCKETS_DIR, SEEDS_DIR

ROOT = Path(__file__).resolve().parents[1]

MACHINE_PATH = re.compile(r"(?:(?<![\w.~/\-])|(?<=file://))/(?:home|root|work|Users|mnt|srv)\b(?!-)")
SHARED_SIBLING = re.compile(r"\.\./shared\b|[\"']\.\.[\"']\s*/\s*[\"']shared[\"']")
CLIMB = re.compile(
    r"Path\(__file__\)(?:\.resolve\(\)|\.absolute\(\))?(?P<chain>(?:\.parent\b)+|\.parents\[(?P<n>\d+)\])"
)


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return [name for name in listed.stdout.decode().split("\0") if name and (ROOT / name).is_file()]


def text_of(name: str) -> str | None:
    data = (ROOT / name).read_bytes()
    return None if b"\0" in data[:8192] else data.decode("utf-8", errors="replace")


def outside_paths(name: str, text: str) -> list[str]:
    """``"file:line: text"`` for every place ``text`` (of file ``name``) names a path outside."""
    found = [m.start() for pattern in (MACHINE_PATH, SHARED_SIBLING) for m in pattern.finditer(text)]
    if name.endswith(".py"):
        depth = len(Path(name).parts)  # Path(__file__).parents[depth - 1] is the repository's root
        for m in CLIMB.finditer(text):
            levels = int(m["n"]) + 1 if m["n"] is not None else m["chain"].count(".parent")
            if levels > depth:
                found.append(m.start())
    lines = text.splitlines()
    return [
        f"{name}:{n}: {lines[n - 1].strip()[:120]}"
        for n in sorted({text.count("\n", 0, i) + 1 for i in found})
    ]


def test_no_tracked_file_names_a_path_outside_the_repository():
    names = tracked_files()
    assert "tests/test_repository.py" in names and "tests/data/dockets/cand.html" in names
    texts = {name: text for name in names if (text := text_of(name)) is not None}
    offending = [hit for name, text in texts.items() for hit in outside_paths(name, text)]
    assert offending == [], "\n".join(offending)


def test_the_rule_finds_each_kind_of_outside_path_and_passes_system_paths():
    home, work, shared = "/" + "home/clerk/x", "/" + "work/shared/seeds", ".." + "/shared/dockets"
    assert outside_paths("a.txt", f'open("{home}")\nSEEDS = Path("{work}")\n')
    assert outside_paths("a.md", f"Tests read `{shared}`.")
    assert outside_paths("a.py", 'Path(__file__).parents[1] / ".." / "' + 'shared"')
    assert outside_paths("a.txt", "<img src='file://" + "/" + "root/.ssh/id'>")
    here = "Path(__file__)" + ".resolve()"
    assert outside_paths("tests/x.py", f"{here}.parent.parent.parent / 'dockets'")
    assert outside_paths("bench/x.py", f"{here}.parents[2]")
    allowed = (
        'executable_path="/usr/bin/chromium"\n'
        '<img src="file:///etc/passwd"> https://example.org/home/work/ see var/srv/x and /dev/null\n'
        "Path(__file__).resolve().parents[1] / 'tests' / 'data'\n"
        "Path(__file__).resolve().parent.parent\n"
        "the Court's work/home life\n"
    )
    assert outside_paths("bench/x.py", allowed) == []


def test_bench_imports_nothing_from_tests():
    imports = []
    for path in sorted((ROOT / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imports.append((path.name, node.module))
            elif isinstance(node, ast.Import):
                imports += [(path.name, alias.name) for alias in node.names]
    assert ("bench_pdf.py", "bench._data") in imports  # the walk sees the scripts' imports
    assert [(name, module) for name, module in imports if module.split(".")[0] == "tests"] == []


def test_every_data_file_is_described_in_the_data_readme():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    listed_dockets = set(re.findall(r"^\| `(\w+)` \|", readme.split("## `dockets/`")[1], re.MULTILINE))
    html = {path.stem for path in DOCKETS_DIR.glob("*.html")}
    assert html == {path.stem for path in DOCKETS_DIR.glob("*.json")}  # each page beside its JSON
    assert html == listed_dockets
    assert len(html) == 26
    seeds = sorted(path.name for path in SEEDS_DIR.iterdir())
    assert len(seeds) == 3 and all(f"`{name}`" in readme for name in seeds)
    others = {p.relative_to(DATA_DIR) for p in DATA_DIR.rglob("*") if p.is_file()}
    others -= {Path("README.md")} | {Path("seeds", name) for name in seeds}
    assert "## `motion_labels.csv`" in readme
    others -= {Path("motion_labels.csv")}
    others -= {Path("dockets", f"{stem}{ext}") for stem in html for ext in (".html", ".json")}
    assert others == set()
