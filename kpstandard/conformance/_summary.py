"""What a report adds up to: pass rates per role and level, requirements met and missed.

Only applicable tests count: a test outside the implementation's declared roles is neither passed
nor failed. An implementation is conformant for its roles when every applicable MUST test passed
(KP-REQ-051); SHOULD and MAY results are reported apart (Article 15).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kpstandard.conformance._grading import Grade
from kpstandard.conformance._manifest import LEVELS, ROLES
from kpstandard.conformance._report import Report

__all__ = ["conformant", "summarize", "text_summary"]

_GRADES = [g.value for g in Grade]
NOT_APPLICABLE = Grade.NOT_APPLICABLE.value
PASS = Grade.PASS.value


def conformant(records: list[dict[str, Any]] | tuple[dict[str, Any], ...]) -> bool:
    """Every applicable MUST test passed, and at least one test applied."""
    applicable = [r for r in records if r["grade"] != NOT_APPLICABLE]
    return bool(applicable) and all(r["grade"] == PASS for r in applicable if r["level"] == "MUST")


def _rate(passed: int, applicable: int) -> float | None:
    return round(passed / applicable, 4) if applicable else None


def summarize(report: Report) -> dict[str, Any]:
    """The summary of a report (summary.json; its schema is schemas/summary.schema.json)."""
    records = report.records
    roles: dict[str, Any] = {}
    for role in ROLES:
        mine = [r for r in records if r["role"] == role]
        if not mine:
            continue
        levels: dict[str, Any] = {}
        for level in LEVELS:
            at_level = [r for r in mine if r["level"] == level]
            if not at_level:
                continue
            grades = Counter(r["grade"] for r in at_level)
            applicable = len(at_level) - grades[NOT_APPLICABLE]
            levels[level] = {
                "tests": len(at_level),
                "applicable": applicable,
                "passed": grades[PASS],
                "rate": _rate(grades[PASS], applicable),
                "grades": {g: grades[g] for g in _GRADES if grades[g]},
            }
        roles[role] = levels
    titles = report.header.get("requirements", {})
    requirements = []
    for requirement in sorted({r["requirement"] for r in records}):
        citing = [r for r in records if r["requirement"] == requirement]
        judged = [r for r in citing if r["grade"] != NOT_APPLICABLE]
        passed = sum(r["grade"] == PASS for r in judged)
        status = "not-tested" if not judged else "met" if passed == len(judged) else "missed"
        info = titles.get(requirement, {})
        requirements.append(
            {
                "id": requirement,
                "level": info.get("level", citing[0]["level"]),
                "title": info.get("title", ""),
                "tests": len(judged),
                "passed": passed,
                "status": status,
            }
        )
    failures = [
        {
            "id": r["id"],
            "role": r["role"],
            "level": r["level"],
            "requirement": r["requirement"],
            "grade": r["grade"],
            "detail": r.get("detail", ""),
        }
        for r in records
        if r["grade"] not in (PASS, NOT_APPLICABLE)
    ]
    partial = report.footer.get("partial")
    must_passed = report.footer.get("mustPassed", bool(report.footer["conformant"]))
    located = [r for r in records if "location" in r]
    result: dict[str, Any] = {
        "report": 1,
        "implementation": report.implementation,
        "suite": report.header["suite"],
        "transport": report.header["transport"],
        "started": report.header["started"],
        "finished": report.footer["finished"],
        "conformant": None if partial else report.footer["conformant"],
        "mustPassed": must_passed,
        "claim": partial or "conformance claim",
        "counts": dict(Counter(r["grade"] for r in records)),
        "roles": roles,
        "requirements": requirements,
        "failures": failures,
    }
    if "selection" in report.header:
        result["selection"] = report.header["selection"]
    if "versions" in report.header.get("runner", {}):
        result["versions"] = report.header["runner"]["versions"]
    if located:
        result["locations"] = dict(Counter(r["location"]["grade"] for r in located))
        result["locationMisses"] = [
            {
                "id": r["id"],
                "role": r["role"],
                "grade": r["location"]["grade"],
                "expected": r["location"]["expected"],
                "detail": r["location"].get("detail", ""),
            }
            for r in located
            if r["location"]["grade"] != "pass"
        ]
    if "aborted" in report.footer:
        result["aborted"] = report.footer["aborted"]
    return result


def _percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{100 * rate:.1f}%"


def text_summary(summary: dict[str, Any], *, failures_shown: int = 20) -> str:
    """The summary for a terminal."""
    implementation = summary.get("implementation")
    suite = f"the kpstandard conformance suite {summary['suite']['version']}"
    if implementation and implementation.get("roles") == ["exchange"]:
        who = f"the exchange node at {implementation.get('node', implementation['name'])}"
        lines = [f"{who} (role: exchange) against {suite}"]
    elif implementation:
        lines = [
            f"{implementation['name']} {implementation['version']} ({implementation['language']}; "
            f"roles: {', '.join(implementation['roles']) or 'none'}) against {suite}"
        ]
    else:
        lines = [f"no implementation answered; {suite}"]
    if "aborted" in summary:
        lines.append(f"ABORTED: {summary['aborted']}")
    if summary.get("versions") is not None:
        lines.append(
            f"versions of the standard claimed: {', '.join(summary['versions'])} (tests of "
            "other versions not applicable)"
        )
    for role, levels in summary["roles"].items():
        for level, counts in levels.items():
            if not counts["applicable"]:
                continue
            others = ", ".join(
                f"{n} {g}" for g, n in counts["grades"].items() if g not in (PASS, NOT_APPLICABLE)
            )
            not_applicable = counts["tests"] - counts["applicable"]
            lines.append(
                f"  {role:<10} {level:<6} {counts['passed']:>4}/{counts['applicable']:<4} passed "
                f"({_percent(counts['rate'])})"
                + (f"; {others}" if others else "")
                + (f" [{not_applicable} not applicable]" if not_applicable else "")
            )
    must = [f for f in summary["failures"] if f["level"] == "MUST"]
    if must:
        lines.append(f"MUST tests not passed: {len(must)}")
        for failure in must[:failures_shown]:
            lines.append(
                f"  {failure['id']} [{failure['role']}] {failure['grade']}: {failure['detail']}"[
                    :200
                ]
            )
        if len(must) > failures_shown:
            lines.append(f"  ... and {len(must) - failures_shown} more (see the report)")
    missed = [r["id"] for r in summary["requirements"] if r["status"] == "missed"]
    if missed:
        lines.append(f"requirements missed: {', '.join(missed)}")
    locations = summary.get("locations")
    if locations:
        right = locations.get("pass", 0)
        lines.append(
            f"locations of findings (SHOULD, graded apart): {right}/{sum(locations.values())} "
            "named where the defect sits"
        )
        for miss in summary.get("locationMisses", [])[:failures_shown]:
            lines.append(f"  {miss['id']} [{miss['role']}] {miss['grade']}: {miss['detail']}"[:200])
    if summary["conformant"] is None and "aborted" not in summary:
        outcome = (
            "every applicable MUST test of the selection passed"
            if summary.get("mustPassed")
            else "some applicable MUST test of the selection did not pass"
        )
        scope = summary["claim"].removeprefix("not a conformance claim: ")
        lines.append(f"NOT A CONFORMANCE CLAIM: {scope}; {outcome}")
    elif summary["conformant"]:
        lines.append("CONFORMANT for its roles: every applicable MUST test passed")
    elif "aborted" in summary:
        lines.append("NOT CONFORMANT: the run was aborted")
        if summary["conformant"] is None:
            lines[-1] = f"NOT A CONFORMANCE CLAIM: the run was aborted ({summary['claim']})"
    elif not any(r["tests"] for r in summary["requirements"]):
        lines.append("NOT CONFORMANT: no test applied to the roles and syntaxes declared")
    else:
        lines.append("NOT CONFORMANT: some applicable MUST test did not pass")
    return "\n".join(lines)
