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


def test_the_doctor_transcript_is_what_doctor_prints_in_the_sandbox():
    text = section("First run against OTE")
    block = re.search(r"```text\n\$ (webnic-rpc doctor --sandbox[^\n]*)\n(.*?)```", text, re.S)
    command, shown = block.group(1), block.group(2)
    completed = subprocess.run(
        [str(PLUGIN), *command.split()[1:]], capture_output=True, text=True, timeout=30, env={"PATH": "/usr/bin:/bin"}
    )
    assert completed.returncode == 0, completed.stderr

    def timeless(lines):
        return re.sub(r"\(\d+ ms\)", "(N ms)", lines)

    assert timeless(completed.stdout) == timeless(shown)
