"""The `selfassess` command line: the core's operations without a window."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from selfassess import __version__
from selfassess.assessment import Organisation, Period, new_assessment
from selfassess.demo import demo_document
from selfassess.document import Document, read_document, save_document
from selfassess.errors import DefinitionsError, SelfAssessError
from selfassess.framework import Framework, bundled_framework, load_framework
from selfassess.lock import break_lock, read_lock
from selfassess.paths import default_framework_path
from selfassess.presentation import format_percent, rating_word
from selfassess.scoring import overall_result

PROG = "selfassess"
ORG_TYPES = ("commissioner", "provider")


class UsageError(SelfAssessError):
    """Bad arguments that argparse could not catch by itself."""


def framework_option(path: str | None) -> Framework:
    """The definitions a `--standards FILE` option names, or the bundled ones."""
    return load_framework(path) if path else bundled_framework()


def cmd_check_standards(args: argparse.Namespace) -> int:
    files = args.files or [str(default_framework_path())]
    failed = False
    for file in files:
        try:
            framework = load_framework(file)
        except DefinitionsError as exc:
            failed = True
            print(f"{PROG}: error: " + str(exc).replace("the standards definitions", file),
                  file=sys.stderr)  # fmt: skip
            continue
        print(
            f"{file}: valid — {framework.title}, version {framework.version}, "
            f"{len(framework.standards)} standards, "
            f"{sum(len(s.criteria) for s in framework.standards)} criteria"
        )
    return 2 if failed else 0


def _organisation(name: str, org_type: str, ods: str = "") -> Organisation:
    try:
        return Organisation(name=name, type=org_type, ods_code=ods)
    except ValidationError:
        raise UsageError("the organisation name must not be empty") from None


def cmd_new(args: argparse.Namespace) -> int:
    framework = framework_option(args.standards)
    refuse_overwrite(args.out, args.force)
    if args.type not in [org.id for org in framework.organisation_types]:
        raise UsageError(f"the definitions have no organisation type {args.type!r}")
    organisation = _organisation(args.org, args.type, args.ods or "")
    try:
        period = Period(label=args.period, start=args.start, end=args.end)
    except ValidationError:
        raise UsageError("the period needs a label, and it must end after it starts") from None
    assessment = new_assessment(framework, organisation, period)
    save_document(Document(assessment, framework), args.out)
    print(f"Created {args.out}: {organisation.name}, {period.label}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    framework = framework_option(args.standards)
    refuse_overwrite(args.out, args.force)
    document = demo_document(
        framework, seed=args.seed, org_type=args.type, org_name=args.org, large=args.large
    )
    save_document(document, args.out)
    print(f"Created {args.out}: demo of {document.assessment.organisation.name} (seed {args.seed})")
    return 0


def summary_data(document: Document) -> dict[str, Any]:
    """The position as plain data, the shape `summary --json` prints."""
    assessment, framework = document.assessment, document.framework
    overall = overall_result(framework, assessment)
    return {
        "organisation": assessment.organisation.model_dump(mode="json"),
        "period": assessment.period.model_dump(mode="json"),
        "status": assessment.signoff.status,
        "standards": [
            {
                "number": r.standard.number,
                "id": r.standard.id,
                "title": r.standard.title,
                "rating": r.rating,
                "percent": None if r.percent is None else round(r.percent, 1),
                "overridden": r.overridden,
            }
            for r in overall.standards
        ],
        "overall": {
            "percent": None if overall.percent is None else round(overall.percent, 1),
            "level": overall.level.id if overall.level else None,
            "completeness": None
            if overall.completeness is None
            else round(overall.completeness, 1),
        },
    }


def cmd_summary(args: argparse.Namespace) -> int:
    document = read_document(args.file)
    if args.json:
        print(json.dumps(summary_data(document), indent=2, ensure_ascii=False))
        return 0
    assessment, framework = document.assessment, document.framework
    overall = overall_result(framework, assessment)
    org = assessment.organisation
    org_label = framework.organisation_type(org.type).label
    code = f" ({org.ods_code})" if org.ods_code else ""
    print(
        f"{org.name}{code} — {org_label} — {assessment.period.label} — {assessment.signoff.status}"
    )
    width = max(len(s.title) for s in framework.standards)
    print(f"{'#':>3}  {'Standard':<{width}}  {'Rating':<16}  {'%':>5}")
    for result in overall.standards:
        word = rating_word(result) + (" (override)" if result.overridden else "")
        print(
            f"{result.standard.number:>3}  {result.standard.title:<{width}}  {word:<16}  "
            f"{format_percent(result.percent):>5}"
        )
    level = overall.level.label if overall.level else "Not assessed"
    print(
        f"Overall {format_percent(overall.percent)} · assurance {level} "
        f"({format_percent(overall.compliant_percent)} of applicable standards "
        f"{framework.band(framework.assurance.compliant_band).label.lower()}) · "
        f"completeness {format_percent(overall.completeness)} "
        f"({overall.rated_count} of {overall.applicable_count} applicable standards rated)"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    # Imported here so that commands which write no files do not load openpyxl and reportlab.
    from selfassess.exports.report import write_report
    from selfassess.exports.workbook import write_workbook

    document = read_document(args.file)
    source = Path(args.file)
    xlsx, pdf = args.xlsx, args.pdf
    if xlsx is None and pdf is None:  # neither named: both, beside the document
        xlsx, pdf = source.with_suffix(".xlsx"), source.with_suffix(".pdf")
    if xlsx is not None:
        write_workbook(document, xlsx)
        print(f"Wrote {xlsx}")
    if pdf is not None:
        write_report(document, pdf, marking=args.marking)
        print(f"Wrote {pdf}")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    holder = read_lock(Path(args.file))
    if holder is None:
        print(f"{args.file} is not locked.")
        return 0
    break_lock(args.file)
    print(f"Removed the lock of {holder.describe()} from {args.file}.")
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    from selfassess.gui.screenshot import render_screenshot  # Qt only for this command

    render_screenshot(Path(args.file), Path(args.out), args.view, args.size)
    print(f"Wrote {args.out} ({args.size[0]}x{args.size[1]}, {args.view})")
    return 0


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or not (
        200 <= int(width) <= 8000 and 200 <= int(height) <= 8000
    ):
        raise argparse.ArgumentTypeError(f"not a size like 1400x900 (200 to 8000 each): {text!r}")
    return int(width), int(height)


def refuse_overwrite(path: str, force: bool) -> None:
    if Path(path).exists() and not force:
        raise UsageError(f"{path} already exists (use --force to replace it)")


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="SEND Self-Assessment: score an ICB or NHS provider against the SWSCN SEND "
        "best practice standards. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    check = command(
        "check-standards",
        cmd_check_standards,
        "Validate standards definitions files (default: the bundled ones).",
    )
    check.add_argument("files", nargs="*", metavar="FILE")

    new = command("new", cmd_new, "Create an empty assessment.")
    new.add_argument("out", metavar="OUT", help="the .sendassess file to create")
    new.add_argument("--org", required=True, help="organisation name")
    new.add_argument("--type", required=True, choices=ORG_TYPES, help="organisation type")
    new.add_argument("--ods", help="ODS code")
    new.add_argument(
        "--period",
        default=f"{date.today().year}/{date.today().year % 100 + 1:02d}",
        help="period label (default: this year, e.g. 2026/27)",
    )
    new.add_argument("--start", type=iso_date, help="period start (YYYY-MM-DD)")
    new.add_argument("--end", type=iso_date, help="period end (YYYY-MM-DD)")

    demo = command("demo", cmd_demo, "Create a realistic filled-in sample assessment.")
    demo.add_argument("out", metavar="OUT")
    demo.add_argument("--org", help="organisation name (default: a fictitious one)")
    demo.add_argument("--type", default="commissioner", choices=ORG_TYPES)
    demo.add_argument("--seed", type=int, default=1, help="different seeds, different samples")
    demo.add_argument(
        "--large", action="store_true", help="500+ evidence items, 200+ actions and long narratives"
    )

    for sub in (new, demo):
        sub.add_argument("--standards", metavar="FILE", help="definitions file to use")
        sub.add_argument("--force", action="store_true", help="replace OUT if it exists")

    summary = command("summary", cmd_summary, "Show an assessment's ratings and overall position.")
    summary.add_argument("file", metavar="FILE")
    summary.add_argument("--json", action="store_true", help="print JSON")

    export = command(
        "export",
        cmd_export,
        "Export the compliance workbook and/or the PDF report "
        "(with neither option: both, beside FILE).",
    )
    export.add_argument("file", metavar="FILE")
    export.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="the workbook to write")
    export.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="the PDF report to write")
    export.add_argument(
        "--marking", default="OFFICIAL", help="protective marking on the PDF (default OFFICIAL)"
    )

    unlock = command(
        "unlock", cmd_unlock, "Remove a lock left beside a document by a crash or a colleague."
    )
    unlock.add_argument("file", metavar="FILE")

    screenshot = command(
        "screenshot", cmd_screenshot, "Render a view of the app for a document to a PNG."
    )
    screenshot.add_argument("file", metavar="FILE")
    screenshot.add_argument("-o", "--out", required=True, metavar="OUT.png", help="PNG to write")
    screenshot.add_argument(
        "--view", default="dashboard", help="dashboard (default) or standard:N, e.g. standard:3"
    )
    screenshot.add_argument(
        "--size", type=_size, default=(1400, 900), metavar="WxH", help="default 1400x900"
    )

    # Imported here: the network commands build on this module's helpers.
    from selfassess.returns.commands import add_return_commands

    add_return_commands(command)
    return parser


def _open_app(argv: Sequence[str]) -> int:
    from selfassess.gui.app import main as gui_main  # Qt only when a window is wanted

    return gui_main(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # `selfassess` alone or `selfassess FILE.sendassess` opens the app, like double-clicking.
    if not args_list or (len(args_list) == 1 and args_list[0].lower().endswith(".sendassess")):
        return _open_app(args_list)
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        result: int = args.handler(args)
        return result
    except SelfAssessError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print(f"{PROG}: error: interrupted", file=sys.stderr)
    except BrokenPipeError:
        # The reader went away (`selfassess summary … | head`): not an error worth a traceback.
        # Point stdout at nothing so that Python's flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
