"""The GitHub workflow (.github/workflows/ci.yml) holds no logic that is tested nowhere.

It cannot run here. So every step either uses an official action (actions/*), runs a script in .ci/
that this suite runs too, or runs one of a few plain commands that only set a machine up or hand
files over (apt-get, gh release). The tests run the README's test command on the three machines the
README's platform table names, and a tag builds the release on the same three.
"""
import pathlib
import re

import yaml

from conftest import ROOT

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
JOBS = WORKFLOW["jobs"]
# The scripts, and the tests of this suite that run them.
SCRIPTS = {
    ".ci/run": "the README's test command (test_readme.py checks the README names it)",
    ".ci/build-release": "conftest.release_dir, used by test_portable_binary.py and test_release_packages.py",
    ".ci/package": "test_release_packages.py",
    ".ci/checksums": "test_release_packages.py",
}
PLAIN = (re.compile(r"^apt-get update && apt-get install -y --no-install-recommends [a-z0-9 .+-]+$"), re.compile(r"^gh release create "))


def steps():
    for name, job in JOBS.items():
        for step in job["steps"]:
            yield name, step


def test_every_step_is_an_official_action_a_tested_script_or_a_plain_command():
    for job, step in steps():
        if "uses" in step:
            assert step["uses"].split("/")[0] == "actions", (job, step)
            continue
        command = step["run"].strip()
        script = command.split()[0]
        if script.startswith(".ci/"):
            assert script in SCRIPTS, (job, command)
            assert (ROOT / script).is_file() and (ROOT / script).stat().st_mode & 0o111, script
        else:
            assert any(pattern.match(command) for pattern in PLAIN), (job, command)


def test_the_tests_run_the_readmes_command_on_linux_x86_64_linux_arm64_and_macos():
    runners = []
    for name in ("test-linux", "test-macos"):
        job = JOBS[name]
        runners += job.get("strategy", {}).get("matrix", {}).get("runner", [job["runs-on"]])
        assert [step["run"] for step in job["steps"] if "run" in step][-1] == ".ci/run"
    assert sorted(runners) == ["macos-15", "ubuntu-24.04", "ubuntu-24.04-arm"]
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("swift test && Tests/urlsession/run && Tests/contract/run")


def test_a_tag_builds_packages_and_publishes_on_the_same_three_machines():
    release_jobs = [name for name, job in JOBS.items() if job.get("if") == "startsWith(github.ref, 'refs/tags/v')"]
    assert sorted(release_jobs) == ["publish", "release-linux", "release-macos"]
    for name in ("release-linux", "release-macos"):
        commands = [step["run"] for step in JOBS[name]["steps"] if "run" in step and step["run"].startswith(".ci/")]
        assert commands == [".ci/build-release dist", ".ci/package dist/webnic-rpc dist"]
    assert JOBS["release-linux"]["strategy"]["matrix"]["runner"] == ["ubuntu-24.04", "ubuntu-24.04-arm"]
    assert [step["run"] for step in JOBS["publish"]["steps"] if "run" in step][0] == ".ci/checksums dist"
    assert JOBS["publish"]["permissions"] == {"contents": "write"}


def test_the_linux_jobs_use_the_toolchain_the_readme_names():
    images = {JOBS[name]["container"] for name in ("test-linux", "release-linux")}
    assert images == {"swift:6.3-noble"}
    readme = (ROOT / "README.md").read_text()
    assert "Swift 6.3" in readme
