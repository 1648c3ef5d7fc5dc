#!/usr/bin/env python3
"""Regenerate the expected outputs of Molt's differential test corpus.

Every test case is a small Python program ``tests/cases/NAME.py`` (a flat
directory, processed in sorted order).  This script runs each case with the
reference implementation, CPython 3.11, and writes two files beside it:

* ``NAME.out``    -- the program's standard output, byte for byte;
* ``NAME.status`` -- two lines: the exit code, then the last non-empty line of
  standard error (e.g. ``ZeroDivisionError: division by zero`` for a case whose
  point is an uncaught exception), or an empty line if stderr was empty.

Molt's test runner runs the same programs and compares its own stdout, exit
code and last stderr line against these files.

How each case is run:

* command: ``<this interpreter> NAME.py`` -- i.e. ``python3 NAME.py`` with the
  very CPython 3.11 that runs this script, so the version check below holds
  for the cases too;
* working directory: ``tests/cases``;
* environment: the caller's, minus every ``PYTHON*`` variable, plus
  ``PYTHONHASHSEED=0`` and ``PYTHONIOENCODING=utf-8`` (so output bytes do not
  depend on the locale);
* stdin: ``/dev/null``; timeout: 20 seconds per case.

A case that times out is reported as an error and its old expected files are
left untouched; the script then exits with status 1.

Usage::

    python3 tests/regen.py               # regenerate every case
    python3 tests/regen.py str_split exc_uncaught_zerodiv.py
                                         # regenerate only the named cases

The script refuses to run under anything but CPython 3.11, because the
expected outputs (error messages, float reprs, ...) are those of 3.11.
"""

import os
import subprocess
import sys

TIMEOUT_SECONDS = 20

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")


def check_interpreter():
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11):
        sys.exit(
            "regen.py must be run by CPython 3.11 (this is %s %d.%d.%d)"
            % ((sys.implementation.name,) + tuple(sys.version_info[:3]))
        )


def all_cases():
    return sorted(
        name[:-3]
        for name in os.listdir(CASES_DIR)
        if name.endswith(".py") and os.path.isfile(os.path.join(CASES_DIR, name))
    )


def selected_cases(args):
    if not args:
        return all_cases()
    known = set(all_cases())
    chosen = []
    for arg in args:
        name = os.path.basename(arg)
        for suffix in (".py", ".out", ".status"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        if name not in known:
            sys.exit("regen.py: no such case: %s (looked for %s)"
                     % (arg, os.path.join(CASES_DIR, name + ".py")))
        if name not in chosen:
            chosen.append(name)
    return sorted(chosen)


def child_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def last_nonempty_line(data):
    text = data.decode("utf-8", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1].rstrip() if lines else ""


def run_case(name, env):
    """Run one case; return its exit code, or None if it timed out."""
    try:
        with open(os.devnull, "rb") as devnull:
            proc = subprocess.run(
                [sys.executable, name + ".py"],
                cwd=CASES_DIR,
                env=env,
                stdin=devnull,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                timeout=TIMEOUT_SECONDS,
            )
    except subprocess.TimeoutExpired:
        print("TIMEOUT  %s (over %d s); expected files not updated"
              % (name, TIMEOUT_SECONDS), file=sys.stderr)
        return None

    with open(os.path.join(CASES_DIR, name + ".out"), "wb") as f:
        f.write(proc.stdout)
    status = "%d\n%s\n" % (proc.returncode, last_nonempty_line(proc.stderr))
    with open(os.path.join(CASES_DIR, name + ".status"), "w",
              encoding="utf-8", newline="\n") as f:
        f.write(status)
    return proc.returncode


def main(argv):
    check_interpreter()
    names = selected_cases(argv[1:])
    env = child_env()
    failures = 0
    nonzero = []
    for name in names:
        result = run_case(name, env)
        if result is None:
            failures += 1
        elif result != 0:
            nonzero.append((name, result))
    print("regen.py: %d case(s) run, %d timed out, %d exited non-zero"
          % (len(names), failures, len(nonzero)))
    for name, code in nonzero:
        print("  exit %-4d %s" % (code, name))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
