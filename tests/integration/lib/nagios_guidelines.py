#!/usr/bin/env python3
"""Checks plugin output on stdin against the Monitoring Plugins development
guidelines (the output, performance data and threshold-range rules), written
apart from sipfo's code so the two do not share a mistake.

Usage: nagios_guidelines.py EXIT_STATUS [SERVICE]  < output
Exit 0 when the output keeps every rule; otherwise one line per broken rule, exit 1.
"""
import re
import sys

STATES = {0: "OK", 1: "WARNING", 2: "CRITICAL", 3: "UNKNOWN"}
# Guidelines, performance data: UOM is empty (a number of things), s/ms/us,
# %, B/KB/MB/TB or c (a continuous counter).
UOMS = {"", "s", "ms", "us", "%", "B", "KB", "MB", "TB", "c"}
NUMBER = r"-?[0-9]+(\.[0-9]+)?"
# Guidelines, threshold and ranges: [@][start:][end], start "~" = -infinity.
RANGE = re.compile(rf"^@?((~|{NUMBER})?:)?({NUMBER})?$")


def range_ok(text):
    if text == "":
        return True
    m = RANGE.match(text)
    if not m or text in ("@", ":", "@:", "~:", "@~:"):
        return False
    body = text.lstrip("@")
    if ":" in body:
        start, end = body.split(":", 1)
        if start not in ("", "~") and end and float(start) > float(end):
            return False
    return True


def perfdata_items(text):
    """Splits perfdata into items; a quoted label may hold spaces."""
    items, i = [], 0
    while i < len(text):
        if text[i] == " ":
            i += 1
            continue
        if text[i] == "'":
            end = text.index("'", i + 1)
            while end + 1 < len(text) and text[end + 1] == "'":  # '' escapes a quote
                end = text.index("'", end + 2)
            j = text.find(" ", end)
        else:
            j = text.find(" ", i)
        j = len(text) if j < 0 else j
        items.append(text[i:j])
        i = j
    return items


def check(output, status, service):
    errors = []
    lines = output.split("\n")
    if not output.endswith("\n"):
        errors.append("output does not end with a line feed")
    first = lines[0]
    summary, _, perf = first.partition("|")
    want = f"{service} {STATES[status]} - "
    if not summary.startswith(want):
        errors.append(f"status line does not start with '{want}': {first!r}")
    if "\t" in first or "\r" in first:
        errors.append("control characters in the status line")
    for item in perfdata_items(perf.strip()):
        m = re.match(r"^('([^']|'')+'|[^'= ]+)=(.*)$", item)
        if not m:
            errors.append(f"perfdata item is not 'label'=value...: {item!r}")
            continue
        label, fields = m.group(1), m.group(3).split(";")
        if label.startswith("'") is False and (" " in label):
            errors.append(f"label with a space is not quoted: {label}")
        if "=" in label:
            errors.append(f"label contains '=': {label}")
        if len(fields) > 5:
            errors.append(f"more than value;warn;crit;min;max: {item!r}")
        vm = re.match(rf"^({NUMBER}|U)([a-zA-Z%]*)$", fields[0])
        if not vm:
            errors.append(f"value is not a number or U: {item!r}")
        elif vm.group(3) not in UOMS:
            errors.append(f"unit of measurement {vm.group(3)!r} is not one of the guidelines': {item!r}")
        elif vm.group(1) == "U" and vm.group(3):
            errors.append(f"U (undetermined) takes no unit: {item!r}")
        for name, field in zip(("warn", "crit"), fields[1:3]):
            if not range_ok(field):
                errors.append(f"{name} is not a range: {item!r}")
        for name, field in zip(("min", "max"), fields[3:5]):
            if field and not re.match(rf"^{NUMBER}$", field):
                errors.append(f"{name} is not a number: {item!r}")
        if vm and vm.group(1) != "U" and len(fields) > 3 and fields[3] and float(vm.group(1)) < float(fields[3]):
            errors.append(f"value below min: {item!r}")
        if vm and vm.group(1) != "U" and len(fields) > 4 and fields[4] and float(vm.group(1)) > float(fields[4]):
            errors.append(f"value above max: {item!r}")
    for line in lines[1:]:
        if "|" in line:
            errors.append(f"long output line holds a '|' (would be read as perfdata): {line!r}")
    return errors


def main():
    status = int(sys.argv[1])
    service = sys.argv[2] if len(sys.argv) > 2 else "SIP"
    errors = check(sys.stdin.read(), status, service)
    for e in errors:
        print(f"nagios guidelines: {e}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
