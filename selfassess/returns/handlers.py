"""What the network commands do: template, import, next-period, compare and aggregate."""

from __future__ import annotations

import argparse
from pathlib import Path

from pydantic import ValidationError

from selfassess.assessment import Period
from selfassess.cli import UsageError, framework_option, refuse_overwrite
from selfassess.document import read_document, save_document
from selfassess.presentation import count_of, format_percent, movement_text, rating_word
from selfassess.returns.aggregate import RegionalData, aggregate
from selfassess.returns.compare import Comparison, compare
from selfassess.returns.compare_report import write_comparison_report
from selfassess.returns.compare_workbook import comparison_heading, write_comparison_workbook
from selfassess.returns.cycle import next_period, start_next_period
from selfassess.returns.importer import import_return
from selfassess.returns.network_sheets import save_workbook
from selfassess.returns.progress import TerminalProgress
from selfassess.returns.regional_report import write_regional_report
from selfassess.returns.regional_workbook import type_label, write_regional_workbook
from selfassess.returns.template import build_template


def cmd_template(args: argparse.Namespace) -> int:
    refuse_overwrite(args.out, args.force)
    framework = framework_option(args.standards)
    if args.source:
        document = read_document(args.source)
        if (document.framework.id, document.framework.version) != (
            framework.id,
            framework.version,
        ):
            raise UsageError(
                f"{args.source} was made against version {document.framework.version} of the "
                f"standards; the template uses version {framework.version}"
            )
        workbook = build_template(framework, document.assessment.organisation.type,
                                  document.assessment)  # fmt: skip
        what = f"prefilled from {args.source}"
    else:
        if args.type not in [org.id for org in framework.organisation_types]:
            raise UsageError(f"the definitions have no organisation type {args.type!r}")
        workbook = build_template(framework, args.type, None, args.org or "", args.period or "")
        what = f"blank, for {framework.organisation_type(args.type).label}"
    save_workbook(workbook, args.out)
    print(f"Created {args.out}: return template ({what})")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    refuse_overwrite(args.out, args.force)
    document = import_return(args.file, framework_option(args.standards))
    save_document(document, args.out)
    assessment = document.assessment
    responses = assessment.responses.values()
    print(
        f"Imported {Path(args.file).name} into {args.out}: {assessment.organisation.name}, "
        f"{assessment.period.label} — {sum(len(r.answers) for r in responses)} answers, "
        f"{sum(len(r.evidence) for r in responses)} evidence items, "
        f"{sum(len(r.actions) for r in responses)} actions"
    )
    return 0


def cmd_next_period(args: argparse.Namespace) -> int:
    refuse_overwrite(args.out, args.force)
    document = read_document(args.file)
    period = None
    if args.period or args.start or args.end:
        previous = next_period(document.assessment.period)
        try:
            period = Period(
                label=args.period or previous.label,
                start=args.start or previous.start,
                end=args.end or previous.end,
            )
        except ValidationError:
            raise UsageError("the period needs a label, and it must end after it starts") from None
    new, carried = start_next_period(document, period)
    save_document(new, args.out)
    print(
        f"Created {args.out}: {new.assessment.organisation.name}, {new.assessment.period.label}, "
        f"carried forward from {document.assessment.period.label}: "
        f"{count_of(carried.answers, 'answer')}, {count_of(carried.evidence, 'evidence item')} "
        f"and {count_of(carried.open_actions, 'open action')} (marked as carried forward); "
        f"{count_of(carried.closed_actions, 'completed or cancelled action')} closed; "
        f"{count_of(carried.overrides_cleared, 'override')} and the sign-off cleared."
    )
    return 0


def _print_comparison(comparison: Comparison) -> None:
    old, new = comparison.old.assessment, comparison.new.assessment
    print(comparison_heading(comparison))
    if not comparison.same_organisation:
        print(f"(The earlier assessment is of {old.organisation.name}.)")
    width = max(len(change.standard.title) for change in comparison.standards)
    then, now = f"Then ({old.period.label})", f"Now ({new.period.label})"
    print(f"{'#':>3}  {'Standard':<{width}}  {then:<16}  {now:<16}  Movement")
    for change in comparison.standards:
        word = rating_word(change.before) if change.before else "Not assessed"
        print(
            f"{change.standard.number:>3}  {change.standard.title:<{width}}  {word:<16}  "
            f"{rating_word(change.after):<16}  {movement_text(change.movement)}"
        )
    before, after = comparison.before, comparison.after
    print(
        f"Overall {format_percent(before.percent)} -> {format_percent(after.percent)}; "
        f"assurance {before.level.label if before.level else 'not assessed'} -> "
        f"{after.level.label if after.level else 'not assessed'}"
    )
    red = ", ".join(str(change.standard.number) for change in comparison.newly_red) or "none"
    print(f"Newly red: {red}")
    print(f"Actions: {len(comparison.closed)} closed, {len(comparison.opened)} opened")


def cmd_compare(args: argparse.Namespace) -> int:
    for out in (args.xlsx, args.pdf):
        if out:
            refuse_overwrite(out, args.force)
    comparison = compare(read_document(args.old), read_document(args.new))
    _print_comparison(comparison)
    if args.xlsx:
        write_comparison_workbook(comparison, args.xlsx)
        print(f"Wrote {args.xlsx}")
    if args.pdf:
        write_comparison_report(comparison, args.pdf)
        print(f"Wrote {args.pdf}")
    return 0


def _print_regional(data: RegionalData) -> None:
    types = ", ".join(
        count_of(count, type_label(data, key).lower()) for key, count in data.type_counts().items()
    )
    print(f"{count_of(len(data.returns), 'return')} counted ({types})")
    if data.unreadable:
        print(f"{len(data.unreadable)} could not be read:")
        for item in data.unreadable:
            print(f"  {item.source.name}: {item.reason}")
    if data.duplicates:
        print(f"{count_of(len(data.duplicates), 'duplicate')} not counted:")
        for duplicate in data.duplicates:
            kept = duplicate.kept.source.name
            print(
                f"  {duplicate.source.name}: same organisation and period as {kept}, "
                f"which is counted because {duplicate.why_kept}"
            )
    red = data.framework.band(data.lowest_band).label
    for counts in data.most_often_red(3):
        print(
            f"Often {red}: {counts.standard.number}. {counts.standard.title} "
            f"({counts.counts[data.lowest_band]} of {counts.applicable})"
        )


def cmd_aggregate(args: argparse.Namespace) -> int:
    if not (args.xlsx or args.pdf):
        raise UsageError("say where to write the regional summary: --xlsx OUT.xlsx and/or --pdf")
    for out in (args.xlsx, args.pdf):
        if out:
            refuse_overwrite(out, args.force)
    framework = framework_option(args.standards)
    progress = TerminalProgress()
    try:
        data = aggregate(args.files, framework, args.previous or (), progress=progress)
    finally:
        progress.close()
    if not data.returns:
        raise UsageError(
            "no return could be read"
            + (f" ({len(data.unreadable)} tried: {data.unreadable[0].reason})" if data.unreadable
               else "; give the returns' files or the folder they are in")
        )  # fmt: skip
    _print_regional(data)
    if args.xlsx:
        write_regional_workbook(data, args.xlsx, args.title or "")
        print(f"Wrote {args.xlsx}")
    if args.pdf:
        write_regional_report(data, args.pdf, args.title or "")
        print(f"Wrote {args.pdf}")
    return 0
