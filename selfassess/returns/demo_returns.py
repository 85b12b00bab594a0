"""Sample returns for a fictitious region: demo assessments saved as documents and workbooks."""

from __future__ import annotations

from pathlib import Path

from selfassess.assessment import Period
from selfassess.demo import demo_document
from selfassess.document import save_document
from selfassess.exports.workbook import write_workbook
from selfassess.framework import Framework
from selfassess.returns.network_sheets import save_workbook
from selfassess.returns.template import build_template


def write_demo_returns(
    folder: Path,
    framework: Framework,
    count: int,
    first_seed: int = 1,
    workbook_every: int = 2,
    period_label: str = "",
    compliance_every: int = 0,
) -> list[Path]:
    """`count` returns (every third a commissioner, every `workbook_every`-th a workbook).

    Workbooks are filled-in return templates, except every `compliance_every`-th, which is
    the compliance workbook the app exports (organisations send either).

    Each organisation gets its own made-up ODS code (an 'X' code no real body has), so that
    different seeds are different organisations; the same seeds give the same region. With a
    `period_label`, the same organisations give other answers, as in another round.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths, names = [], set()
    for index in range(count):
        seed = first_seed + index
        org_type = "commissioner" if index % 3 == 0 else "provider"
        content_seed = seed + (10_000 if period_label else 0)
        document = demo_document(framework, seed=content_seed, org_type=org_type)
        if period_label:
            document.assessment.period = Period(label=period_label)
        organisation = document.assessment.organisation
        organisation.ods_code = f"X{seed:04d}"
        if organisation.name in names:
            organisation.name = f"{organisation.name} ({organisation.ods_code})"
        names.add(organisation.name)
        workbooks = index // workbook_every if workbook_every else 0
        if workbook_every and index % workbook_every == workbook_every - 1:
            path = folder / f"return-{seed:04d}.xlsx"
            if compliance_every and workbooks % compliance_every == compliance_every - 1:
                write_workbook(document, path)
            else:
                save_workbook(build_template(framework, org_type, document.assessment), path)
        else:
            path = folder / f"return-{seed:04d}.sendassess"
            save_document(document, path)
        paths.append(path)
    return paths
