"""The README's and docs/'s examples do what they say, run verbatim, and every relative link resolves."""
import json
import os
import re
import subprocess
import urllib.parse

from conftest import PLUGIN, ROOT, simulator

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def text(path):
    return (ROOT / path).read_text(encoding="utf-8")


def section(document, title):
    start = document.index(f"\n## {title}\n")
    end = document.find("\n## ", start + 1)
    return document[start:end if end > 0 else len(document)]


def test_the_test_command_is_the_one_ci_runs_and_comes_first():
    commands = re.search(r"```sh\n(.*?)```", README, re.S).group(1).splitlines()
    assert commands == ["swift run webnic-rpc --sandbox < examples/requests.jsonl", "swift test && Tests/urlsession/run && Tests/contract/run"]
    assert README.index("```sh\nswift run webnic-rpc") < len("\n".join(README.splitlines()[:40]))
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith(commands[1])


def test_the_readme_is_a_front_door():
    assert len(README.splitlines()) <= 250


def test_every_relative_link_resolves():
    problems = []
    for document in DOCUMENTS:
        content = document.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", content):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            resolved = (document.parent / urllib.parse.unquote(path)).resolve() if path else document
            if not resolved.exists():
                problems.append(f"{document.name}: {target} does not exist")
                continue
            if anchor and resolved.suffix == ".md":
                headings = {
                    re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
                    for line in resolved.read_text(encoding="utf-8").splitlines() if line.startswith("#")
                }
                if anchor not in headings:
                    problems.append(f"{document.name}: {target} names no heading of {resolved.name}")
    assert problems == []


def test_changing_data_safely_runs_verbatim_against_the_sandbox():
    document = text("docs/safe-changes.md")
    command = re.search(r"```sh\n(.*?)```", document, re.S).group(1)
    shown = [json.loads(line[2:]) for line in re.search(r"```json\n(.*?)```", document, re.S).group(1).splitlines() if line.startswith("← ")]
    environment = {"PATH": f"{PLUGIN.parent}:{os.environ['PATH']}"}
    completed = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=30, env=environment)
    assert completed.returncode == 0, completed.stderr
    answers = [json.loads(line) for line in completed.stdout.splitlines()]
    # The write's new modifiedAt is the time of the run: put the document's in its place everywhere.
    ran_at = next(a for a in answers if a["id"] == 2)["result"]["modifiedAt"]
    shown_at = next(a for a in shown if a["id"] == 2)["result"]["modifiedAt"]
    answers = [json.loads(json.dumps(a).replace(ran_at, shown_at)) for a in answers]
    assert sorted(answers, key=lambda a: a["id"]) == shown


def test_the_doctor_transcript_is_what_doctor_prints_in_the_sandbox():
    block = re.search(r"```text\n\$ (webnic-rpc doctor --sandbox[^\n]*)\n(.*?)```", text("docs/doctor.md"), re.S)
    command, shown = block.group(1), block.group(2)
    completed = subprocess.run(
        [str(PLUGIN), *command.split()[1:]], capture_output=True, text=True, timeout=30, env={"PATH": "/usr/bin:/bin"}
    )
    assert completed.returncode == 0, completed.stderr

    def timeless(lines):
        return re.sub(r"\(\d+ ms\)", "(N ms)", lines)

    assert timeless(completed.stdout) == timeless(shown)


def test_the_readme_tour_runs_verbatim():
    block = re.search(r"```sh\n(swift build && .*?)```", section(README, "A 30-second tour"), re.S).group(1)
    # `swift build` has run (the test command builds first); the rest is run as written.
    lines = [line for line in block.splitlines() if not line.startswith("swift build")]
    environment = {"PATH": f"{PLUGIN.parent}:/usr/bin:/bin"}
    for line in lines:
        completed = subprocess.run(["sh", "-c", line], capture_output=True, text=True, timeout=30, env=environment)
        assert completed.returncode == 0, (line, completed.stderr)
        assert completed.stdout, line


def test_the_safe_change_of_the_readme_runs_verbatim_against_webnic_sim():
    block = re.search(r"```sh\n(plan=.*?)```", section(README, "Use from a script"), re.S).group(1)
    with simulator() as (_, env):
        completed = subprocess.run(
            ["sh", "-c", block], capture_output=True, text=True, timeout=60,
            env={"PATH": f"{PLUGIN.parent}:/usr/bin:/bin", **env},
        )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == "organization.phoneNumber: +022.6506503 → +60.312345678"
    assert lines[-1] == "organization.phoneNumber: +022.6506503 → +60.312345678"
    assert "phoneNumber:              +60.312345678" in lines


def test_the_readme_names_what_the_test_command_needs_and_contributing_says_how_to_release():
    assert "python3-venv" in README
    contributing = text("docs/CONTRIBUTING.md")
    for usage in (".ci/build-release DIR", ".ci/package BINARY DIR", ".ci/checksums DIR", ".ci/embed-openrpc"):
        assert f"`{usage}`" in contributing, usage
