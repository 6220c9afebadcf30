"""The README's examples do what the README says, run verbatim."""
import json
import os
import re
import subprocess

from conftest import PLUGIN, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title):
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end]


def test_changing_data_safely_runs_verbatim_against_the_sandbox():
    text = section("Changing data safely")
    command = re.search(r"```sh\n(.*?)```", text, re.S).group(1)
    shown = [json.loads(line[2:]) for line in re.search(r"```json\n(.*?)```", text, re.S).group(1).splitlines() if line.startswith("← ")]
    environment = {"PATH": f"{PLUGIN.parent}:{os.environ['PATH']}"}
    completed = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=30, env=environment)
    assert completed.returncode == 0, completed.stderr
    answers = [json.loads(line) for line in completed.stdout.splitlines()]
    # The write's new modifiedAt is the time of the run: put the README's in its place everywhere.
    ran_at = next(a for a in answers if a["id"] == 2)["result"]["modifiedAt"]
    shown_at = next(a for a in shown if a["id"] == 2)["result"]["modifiedAt"]
    answers = [json.loads(json.dumps(a).replace(ran_at, shown_at)) for a in answers]
    assert sorted(answers, key=lambda a: a["id"]) == shown
