"""The network commands' arguments: template, import, next-period, compare and aggregate.

The code that runs them (openpyxl, reportlab, the importers) is imported only when one of
them runs, so that every other command starts quickly.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from selfassess.cli import ORG_TYPES, iso_date

Handler = Callable[[argparse.Namespace], int]
Register = Callable[[str, Handler, str], argparse.ArgumentParser]


def _lazy(name: str) -> Handler:
    def run(args: argparse.Namespace) -> int:
        from selfassess.returns import handlers

        result: int = getattr(handlers, name)(args)
        return result

    return run


def add_return_commands(command: Register) -> None:
    """Add the network commands to the parser through its `command` helper."""
    template = command(
        "template",
        _lazy("cmd_template"),
        "Create a return workbook for an organisation to fill in with Excel (blank, or "
        "prefilled from an assessment with --from).",
    )
    template.add_argument("out", metavar="OUT.xlsx")
    template.add_argument("--type", default="commissioner", choices=ORG_TYPES)
    template.add_argument("--org", help="the organisation's name, filled in for it")
    template.add_argument("--period", help="the period label, e.g. 2025/26")
    template.add_argument(
        "--from", dest="source", metavar="FILE", help="prefill from this .sendassess assessment"
    )

    imported = command(
        "import",
        _lazy("cmd_import"),
        "Read a filled return template, or a compliance workbook exported by the app, into an "
        "assessment. Every problem is listed with its sheet and cell; nothing is imported by half.",
    )
    imported.add_argument("file", metavar="RETURN.xlsx")
    imported.add_argument("-o", "--out", required=True, metavar="OUT.sendassess")

    for sub in (template, imported):
        sub.add_argument("--standards", metavar="FILE", help="definitions file to use")

    following = command(
        "next-period",
        _lazy("cmd_next_period"),
        "Start the next period from an assessment: answers, evidence and open actions carried "
        "forward and marked as such, completed actions closed, overrides and sign-off cleared.",
    )
    following.add_argument("file", metavar="FILE")
    following.add_argument("-o", "--out", required=True, metavar="OUT.sendassess")
    following.add_argument("--period", help="the new period's label (default: the next year's)")
    following.add_argument("--start", type=iso_date, help="period start (YYYY-MM-DD)")
    following.add_argument("--end", type=iso_date, help="period end (YYYY-MM-DD)")

    compared = command(
        "compare",
        _lazy("cmd_compare"),
        "Compare two assessments of an organisation: each standard's rating then and now, "
        "newly red standards, and actions closed and opened.",
    )
    compared.add_argument("old", metavar="OLD")
    compared.add_argument("new", metavar="NEW")
    compared.add_argument("--xlsx", metavar="OUT.xlsx", help="also write a comparison workbook")
    compared.add_argument("--pdf", metavar="OUT.pdf", help="also write a comparison report")

    combined = command(
        "aggregate",
        _lazy("cmd_aggregate"),
        "Combine returns (.sendassess documents and return workbooks, or folders of them) into "
        "a regional workbook and report: heat map, counts per band, returns not read and why.",
    )
    combined.add_argument("files", nargs="+", metavar="FILE", help="returns, or folders of them")
    combined.add_argument("--xlsx", metavar="OUT.xlsx", help="write the regional workbook")
    combined.add_argument("--pdf", metavar="OUT.pdf", help="write the regional report")
    combined.add_argument(
        "--previous", nargs="+", metavar="FILE", help="the previous round's returns, for movement"
    )
    combined.add_argument("--title", help="the title, e.g. 'South West SEND returns 2025/26'")
    combined.add_argument("--standards", metavar="FILE", help="definitions file to use")

    for sub in (template, imported, following, compared, combined):
        sub.add_argument("--force", action="store_true", help="replace the output if it exists")
