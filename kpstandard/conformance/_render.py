"""A report rendered for its readers: JUnit XML for CI, a static HTML page, a badge.

Every rendering is made from the report as read back (:func:`read_report`), never from the runner's
memory, so that what is published is what the report file says.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any

from lxml import etree

from kpstandard.conformance._grading import Grade
from kpstandard.conformance._manifest import LEVELS, ROLES
from kpstandard.conformance._report import Report
from kpstandard.conformance._summary import summarize

__all__ = ["badge", "html_report", "junit_xml", "write_renderings"]

_FAILURE = {Grade.FAIL.value, Grade.WRONG_REASON.value}
_ERROR = {
    Grade.ERRORED.value,
    Grade.CRASHED.value,
    Grade.TIMEOUT.value,
    Grade.PROTOCOL_ERROR.value,
}
_SKIP = {Grade.SKIPPED.value, Grade.NOT_APPLICABLE.value}


def junit_xml(report: Report) -> bytes:
    """JUnit XML: one test suite per role, one test case per test; not applicable and skipped
    tests are skipped, failures and wrong reasons failures, the rest errors."""
    implementation = report.implementation or {}
    suites = etree.Element(
        "testsuites",
        name=f"kpstandard conformance {report.header['suite']['version']}: "
        f"{implementation.get('name', '?')} {implementation.get('version', '')}".strip(),
    )
    for role in ROLES:
        records = [r for r in report.records if r["role"] == role]
        if not records:
            continue
        counts = Counter(r["grade"] for r in records)
        suite = etree.SubElement(
            suites,
            "testsuite",
            name=role,
            tests=str(len(records)),
            failures=str(sum(counts[g] for g in _FAILURE)),
            errors=str(sum(counts[g] for g in _ERROR)),
            skipped=str(sum(counts[g] for g in _SKIP)),
            time=f"{sum(r.get('seconds', 0.0) for r in records):.3f}",
        )
        for record in records:
            case = etree.SubElement(
                suite,
                "testcase",
                classname=f"kpstandard.conformance.{record['area']}.{record['level']}",
                name=f"{record['id']} {record['description']}",
                time=f"{record.get('seconds', 0.0):.3f}",
            )
            properties = etree.SubElement(case, "properties")
            for name in ("requirement", "level", "grade"):
                etree.SubElement(properties, "property", name=name, value=record[name])
            grade, detail = record["grade"], record.get("detail", "")
            if grade in _FAILURE:
                etree.SubElement(case, "failure", message=f"{grade}: {detail}", type=grade)
            elif grade in _ERROR:
                error = etree.SubElement(case, "error", message=f"{grade}: {detail}", type=grade)
                if record.get("stderr"):
                    error.text = record["stderr"]
            elif grade in _SKIP:
                etree.SubElement(case, "skipped", message=f"{grade}: {detail}".rstrip(": "))
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def badge(summary: dict[str, Any]) -> dict[str, Any]:
    """A shields.io endpoint badge: the MUST pass rate of each role tested."""
    parts = []
    worst = 1.0
    for role, levels in summary["roles"].items():
        must = levels.get("MUST")
        if must and must["applicable"]:
            rate = must["rate"] or 0.0
            worst = min(worst, rate)
            parts.append(f"{role} {100 * rate:.0f}%")
    if summary["conformant"] is None:  # a partial run: a rate, never a claim
        return {
            "schemaVersion": 1,
            "label": "KP conformance",
            "message": f"{', '.join(parts) or 'not run'} (partial run: not a conformance claim)",
            "color": "lightgrey",
        }
    if summary["conformant"]:
        color = "brightgreen"
    elif worst >= 0.9:
        color = "yellow"
    else:
        color = "red"
    return {
        "schemaVersion": 1,
        "label": "KP conformance",
        "message": ", ".join(parts) or "not run",
        "color": color,
    }


_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 78rem; color: #1b1b1b;
  padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; font-size: 1.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .45rem; text-align: left;
  vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 12.5px; } .muted { color: #666; }
.verdict { padding: .6rem 1rem; border-radius: 4px; font-weight: 600; display: inline-block; }
.ok { background: #d9f2dd; color: #0b5d1e; } .bad { background: #fbdcdc; color: #8a1111; }
.g { padding: 0 .4rem; border-radius: 3px; font-size: 12px; white-space: nowrap; }
.g-pass { background: #d9f2dd; } .g-fail { background: #fbdcdc; }
.g-wrong-reason { background: #ffe3c2; } .g-not-applicable { background: #eee; color: #666; }
.g-skipped { background: #e8e8ff; } .g-errored, .g-crashed, .g-timeout, .g-protocol-error {
  background: #f3c6f3; }
.s-met { color: #0b5d1e; } .s-missed { color: #8a1111; font-weight: 600; }
.s-not-tested { color: #666; }
details summary { cursor: pointer; } pre { white-space: pre-wrap; font-size: 12px; }
.tid, .tid code { white-space: nowrap; } .partial { background: #eee; color: #333; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _grade(grade: str) -> str:
    return f'<span class="g g-{_e(grade)}">{_e(grade)}</span>'


def _expected(expected: dict[str, Any]) -> str:
    outcome = str(expected.get("outcome", ""))
    if outcome == "reject":
        return "reject: " + ", ".join(expected.get("codes", []))
    if outcome == "not-judged" and expected.get("codes"):
        return f"not-judged ({', '.join(expected['codes'])})"
    if outcome == "output" and expected.get("check"):
        return f"output ({expected['check']})"
    if outcome == "accept" and expected.get("warnings"):
        return "accept, warning: " + ", ".join(expected["warnings"])
    return outcome


def _answer(answer: dict[str, Any] | None) -> str:
    if not answer:
        return ""
    if answer.get("outcome") == "reject":
        return "reject: " + (", ".join(answer.get("codes", [])) or "(no code)")
    if answer.get("outcome") == "accept":
        warnings = answer.get("warnings")
        if warnings is None:  # an answer that does not say its warnings: its findings' codes
            warnings = list(dict.fromkeys(str(f.get("code")) for f in answer.get("findings", ())))
        if warnings:
            return "accept, warning: " + ", ".join(warnings)
    return str(answer.get("outcome", ""))


def _implementation_line(implementation: dict[str, Any]) -> str:
    if not implementation:
        return "No implementation answered."
    parts = [
        f"Language: {implementation.get('language', '?')}.",
        f"Roles declared: {', '.join(implementation.get('roles', [])) or 'none'}.",
        f"Syntaxes: {', '.join(implementation.get('syntaxes', []))}.",
    ]
    if implementation.get("homepage"):
        parts.append(f"Homepage: {implementation['homepage']}.")
    return " ".join(parts)


def _ends(text: str, most: int) -> str:
    """The first and the last lines of a long stderr (the exception line is often first)."""
    if len(text) <= most:
        return text
    return f"{text[: most // 2]}\n[...]\n{text[len(text) - most // 2 :]}"


def _location(record: dict[str, Any]) -> str:
    location = record.get("location")
    if not location or location["grade"] == "pass":
        return ""
    return f'<br><span class="g g-wrong-reason">location {_e(location["grade"])}</span>'


def _failing_first(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: r["grade"] == Grade.PASS.value)


def _test_rows(records: list[dict[str, Any]]) -> list[str]:
    rows = []
    for r in records:
        detail = r.get("detail", "")
        stderr = r.get("stderr", "")
        more = ""
        if detail or stderr:
            more = (
                f"<details><summary>why</summary>{_e(detail)}"
                + (f"<pre>{_e(_ends(stderr, 4000))}</pre>" if stderr else "")
                + "</details>"
            )
        rows.append(
            f"<tr><td>{_grade(r['grade'])}{_location(r)}</td>"
            f'<td class="tid"><code>{_e(r["id"])}</code>'
            f'<br><span class="muted">{_e(r["area"])}</span></td>'
            f"<td><code>{_e(r['requirement'])}</code></td>"
            f"<td>{_e(r['description'])}{more}</td>"
            f"<td>{_e(_expected(r['expected']))}</td>"
            f"<td>{_e(_answer(r.get('answer')))}</td></tr>"
        )
    return rows


_HEAD = (
    "<tr><th>grade</th><th>test</th><th>requirement</th><th>what</th><th>expected</th>"
    "<th>answer</th></tr>"
)


def html_report(report: Report) -> bytes:
    """A static, self-contained HTML page: the verdict, pass rates by role and level, each
    requirement met or missed, and every test by role and level with what was expected and got."""
    summary = summarize(report)
    implementation = report.implementation or {}
    name = (
        f"{implementation.get('name', '(no implementation)')} {implementation.get('version', '')}"
    )
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(name)}: kpstandard conformance</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{_e(name)}</h1>",
        f'<p class="muted">{_e(_implementation_line(implementation))} Suite '
        f"{_e(report.header['suite']['version'])} (standard "
        f"{_e(report.header['suite']['standardVersion'])}), protocol "
        f"{_e(report.header['protocol'])}, {_e(report.header['transport'])}; run "
        f"{_e(report.header['started'])} to {_e(report.footer['finished'])}.</p>",
    ]
    if summary["conformant"] is None:
        outcome = (
            "every applicable MUST test of the selection passed"
            if summary["mustPassed"]
            else "some applicable MUST test of the selection did not pass"
        )
        out.append(
            f'<p class="verdict partial">Not a conformance claim: {_e(summary["claim"])}; '
            f"{_e(outcome)}.</p>"
        )
    elif summary["conformant"]:
        out.append(
            '<p class="verdict ok">Conformant for its roles: every applicable MUST test passed.</p>'
        )
    else:
        out.append(
            '<p class="verdict bad">Not conformant: some applicable MUST test did not pass.</p>'
        )
    if "aborted" in summary:
        out.append(f"<p><strong>The run was aborted:</strong> {_e(summary['aborted'])}</p>")
    out.append(
        '<p class="muted">Grades: <b>pass</b>; <b>fail</b> (the answer contradicts the '
        "standard); <b>wrong-reason</b> (rejected, but for none of the reasons the test allows, "
        "or accepted without a warning it expects: not a pass); <b>not-applicable</b> (outside "
        "the declared roles or syntaxes); "
        "<b>skipped</b> (the implementation declined, a known failure); <b>errored</b> (it "
        "reported an error of its own); <b>crashed</b>, <b>timeout</b>, <b>protocol-error</b> "
        "(it exited, did not answer in time, or answered outside the protocol).</p>"
    )
    grades = [g.value for g in Grade]
    out.append(
        "<h2>Pass rates by role and level</h2><table><tr><th>role</th><th>level</th>"
        "<th>passed</th><th>applicable</th><th>rate</th>"
        + "".join(f"<th>{_e(g)}</th>" for g in grades if g != "pass")
        + "</tr>"
    )
    for role, levels in summary["roles"].items():
        for level, counts in levels.items():
            rate = "n/a" if counts["rate"] is None else f"{100 * counts['rate']:.1f}%"
            out.append(
                f"<tr><td>{_e(role)}</td><td>{_e(level)}</td>"
                f'<td class="num">{counts["passed"]}</td>'
                f'<td class="num">{counts["applicable"]}</td>'
                f'<td class="num">{rate}</td>'
                + "".join(
                    f'<td class="num">{counts["grades"].get(g, "") or ""}</td>'
                    for g in grades
                    if g != "pass"
                )
                + "</tr>"
            )
    out.append("</table>")
    out.append(
        "<h2>Requirements</h2><table><tr><th>requirement</th><th>level</th><th>title</th>"
        "<th>tests passed</th><th>status</th></tr>"
    )
    for requirement in summary["requirements"]:
        out.append(
            f"<tr><td><code>{_e(requirement['id'])}</code></td><td>{_e(requirement['level'])}</td>"
            f"<td>{_e(requirement['title'])}</td>"
            f'<td class="num">{requirement["passed"]}/{requirement["tests"]}</td>'
            f'<td class="s-{_e(requirement["status"])}">{_e(requirement["status"])}</td></tr>'
        )
    out.append("</table>")
    failing = [
        r
        for r in report.records
        if r["grade"] not in (Grade.PASS.value, Grade.NOT_APPLICABLE.value)
    ]
    if failing:
        out.append(f"<h2>Tests not passed: {len(failing)}</h2>")
        out += ["<table>", _HEAD, *_test_rows(failing), "</table>"]
    misses = summary.get("locationMisses", [])
    if "locations" in summary:
        right, total = summary["locations"].get("pass", 0), sum(summary["locations"].values())
        out.append(
            f"<h2>Locations of findings (SHOULD, graded apart)</h2><p>{right} of {total} passed "
            "rejections name where the defect sits.</p>"
        )
        if misses:
            out.append("<table><tr><th>test</th><th>role</th><th>location</th><th>why</th></tr>")
            out += [
                f'<tr><td class="tid"><code>{_e(m["id"])}</code></td><td>{_e(m["role"])}</td>'
                f"<td>{_e(m['grade'])}</td><td>{_e(m['detail'])}</td></tr>"
                for m in misses
            ]
            out.append("</table>")
    out.append("<h2>Tests by role and level</h2>")
    for role in ROLES:
        for level in LEVELS:
            records = [r for r in report.records if r["role"] == role and r["level"] == level]
            if not records:
                continue
            applicable = [r for r in records if r["grade"] != Grade.NOT_APPLICABLE.value]
            others = [r for r in records if r["grade"] == Grade.NOT_APPLICABLE.value]
            out.append(f"<h3>{_e(role)}, {_e(level)}: {len(applicable)} tests</h3>")
            if applicable:
                out += ["<table>", _HEAD, *_test_rows(_failing_first(applicable)), "</table>"]
            if others:
                out += [
                    f"<details><summary>{len(others)} tests not applicable "
                    f"({_e(others[0].get('detail', ''))}...)</summary><table>",
                    _HEAD,
                    *_test_rows(others),
                    "</table></details>",
                ]
    out.append("</body></html>")
    return ("\n".join(out) + "\n").encode("utf-8")


def write_renderings(report: Report, folder: Path) -> dict[str, Path]:
    """Write summary.json, junit.xml, report.html and badge.json beside the report."""
    summary = summarize(report)
    files = {
        "summary": folder / "summary.json",
        "junit": folder / "junit.xml",
        "html": folder / "report.html",
        "badge": folder / "badge.json",
    }
    files["summary"].write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", "utf-8")
    files["junit"].write_bytes(junit_xml(report))
    files["html"].write_bytes(html_report(report))
    files["badge"].write_text(json.dumps(badge(summary), indent=2) + "\n", "utf-8")
    return files
