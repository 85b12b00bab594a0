"""Many returns -> regional data: heat map, counts per band, duplicates, unreadable, movement.

Returns arrive as .sendassess documents and as return workbooks, from many organisations and
sometimes twice. Every file is read on its own: one that cannot be read is listed with the
reason and never stops the rest; a second return for the same organisation and period is
reported, not counted again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from selfassess.document import EXTENSION, Document, read_document
from selfassess.errors import ReturnError, SelfAssessError
from selfassess.framework import Framework, Standard
from selfassess.returns.compare import Movement, rating_movement
from selfassess.returns.importer import WORKBOOK_SUFFIXES, import_return, is_workbook
from selfassess.scoring import OverallResult, StandardResult, overall_result

RETURN_SUFFIXES = (EXTENSION, *WORKBOOK_SUFFIXES)
_SIGNOFF_RANK = {"approved": 2, "submitted": 1, "draft": 0}
_REASON_PROBLEMS = 3  # problems quoted in the unreadable list; the rest are counted

Progress = Callable[[int, int, str], None]  # (done, total, file being read)


class Cancelled(Exception):
    """The user stopped the aggregation; nothing was produced."""


@dataclass(frozen=True)
class OrganisationReturn:
    """One organisation's return, read and scored."""

    source: Path
    document: Document
    overall: OverallResult

    @property
    def name(self) -> str:
        return self.document.assessment.organisation.name

    @property
    def org_type(self) -> str:
        return self.document.assessment.organisation.type

    @property
    def period(self) -> str:
        return self.document.assessment.period.label

    @property
    def organisation_key(self) -> str:
        """Who it is: the ODS code where given, else the name, ignoring case and spacing."""
        organisation = self.document.assessment.organisation
        return organisation.ods_code.strip().casefold() or " ".join(
            organisation.name.casefold().split()
        )

    def result(self, standard_id: str) -> StandardResult:
        return next(r for r in self.overall.standards if r.standard.id == standard_id)


@dataclass(frozen=True)
class Unreadable:
    source: Path
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """A return not counted because another for the same organisation and period was kept."""

    source: Path
    kept: OrganisationReturn
    identical: bool
    why_kept: str


@dataclass(frozen=True)
class StandardCounts:
    """How the organisations rated one standard: a count per band, not rated, not applicable."""

    standard: Standard
    counts: dict[str, int]

    @property
    def applicable(self) -> int:
        return sum(count for key, count in self.counts.items() if key != "not_applicable")

    def percent(self, key: str) -> float | None:
        """The share of the organisations the standard applies to (None if it applies to none)."""
        return self.counts.get(key, 0) / self.applicable * 100 if self.applicable else None


@dataclass(frozen=True)
class OrganisationMovement:
    """One organisation this round against its return in the previous round."""

    current: OrganisationReturn
    previous: OrganisationReturn | None  # None: no return in the previous round
    movements: dict[str, Movement]  # by standard id

    def count(self, movement: Movement) -> int:
        return sum(1 for value in self.movements.values() if value == movement)


@dataclass
class RegionalData:
    framework: Framework
    returns: list[OrganisationReturn]
    unreadable: list[Unreadable] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    previous: RegionalData | None = None

    @property
    def standard_counts(self) -> list[StandardCounts]:
        keys = [band.id for band in self.framework.bands_low_to_high]
        result = []
        for standard in self.framework.standards:
            counts = Counter({key: 0 for key in [*keys, "not_rated", "not_applicable"]})
            counts.update(entry.result(standard.id).rating for entry in self.returns)
            result.append(StandardCounts(standard, dict(counts)))
        return result

    @property
    def lowest_band(self) -> str:
        return self.framework.bands_low_to_high[0].id

    def most_often_red(self, limit: int = 5) -> list[StandardCounts]:
        """The standards most organisations rate red, most first (never-red ones left out)."""
        red = self.lowest_band
        ranked = sorted(
            (c for c in self.standard_counts if c.counts[red]),
            key=lambda c: (-c.counts[red], c.standard.number),
        )
        return ranked[:limit]

    def type_counts(self) -> dict[str, int]:
        counts = Counter(entry.org_type for entry in self.returns)
        return {org.id: counts[org.id] for org in self.framework.organisation_types}

    @property
    def movements(self) -> list[OrganisationMovement]:
        """Each organisation against its previous return (empty without a previous round)."""
        if self.previous is None:
            return []
        earlier = {entry.organisation_key: entry for entry in self.previous.returns}
        found = []
        for entry in self.returns:
            before = earlier.get(entry.organisation_key)
            movements: dict[str, Movement] = {
                s.id: rating_movement(before.result(s.id), entry.result(s.id)) if before else "none"
                for s in self.framework.standards
            }
            found.append(OrganisationMovement(entry, before, movements))
        return found

    @property
    def missing_since_previous(self) -> list[OrganisationReturn]:
        """Organisations that sent a return last round but not this one."""
        if self.previous is None:
            return []
        now = {entry.organisation_key for entry in self.returns}
        return [e for e in self.previous.returns if e.organisation_key not in now]

    @property
    def periods(self) -> list[str]:
        """The periods the returns cover, most common first."""
        return [period for period, _ in Counter(e.period for e in self.returns).most_common()]


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the returns inside any folder given (sorted, not recursive)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    child
                    for child in path.iterdir()
                    if child.suffix.lower() in RETURN_SUFFIXES
                    and child.is_file()
                    # Office's owner files (~$name.xlsx) and hidden temporary files are not returns.
                    and not child.name.startswith(("~$", "."))
                )
            )
        else:
            found.append(path)
    return found


def _reason(path: Path, error: SelfAssessError) -> str:
    """Why a return could not be read, without repeating its file name."""
    if isinstance(error, ReturnError) and len(error.problems) > 1:
        shown = "; ".join(str(p) for p in error.problems[:_REASON_PROBLEMS])
        more = len(error.problems) - _REASON_PROBLEMS
        extra = f"; and {more} more" if more > 0 else ""
        return f"{len(error.problems)} problems: {shown}{extra}"
    message = str(error)
    if message.startswith(f"{path.name}: "):
        message = message.removeprefix(f"{path.name}: ")
        return message[:1].upper() + message[1:]
    if message.startswith(f"{path.name} "):
        return "The file" + message.removeprefix(path.name)
    return message


def read_return(path: Path, framework: Framework) -> Document:
    """One return, as a document against `framework`; SelfAssessError saying why not."""
    if path.suffix.lower() == EXTENSION:
        document = read_document(path)
        theirs = document.framework
        if (theirs.id, theirs.version) != (framework.id, framework.version):
            raise SelfAssessError(
                f"It was made against {theirs.title} version {theirs.version!r}; this summary "
                f"uses version {framework.version!r}"
            )
        return document
    if is_workbook(path):
        return import_return(path, framework)
    raise SelfAssessError(
        f"Not a return: expected a {EXTENSION} document or an Excel workbook (.xlsx)"
    )


def _rank(entry: OrganisationReturn) -> tuple[int, date]:
    signoff = entry.document.assessment.signoff
    return _SIGNOFF_RANK[signoff.status], signoff.date or date.min


def _same_answers(one: Document, other: Document) -> bool:
    return one.assessment.responses == other.assessment.responses


def _why_kept(kept: OrganisationReturn, other: OrganisationReturn) -> str:
    if _rank(kept)[0] > _rank(other)[0]:
        return f"it is {kept.document.assessment.signoff.status}"
    if _rank(kept) > _rank(other):
        return "it was signed off later"
    return "it was listed first"


def _deduplicate(
    entries: list[OrganisationReturn],
) -> tuple[list[OrganisationReturn], list[Duplicate]]:
    """One return per organisation and period: the most signed-off, then latest, then first."""
    groups: dict[tuple[str, str], list[OrganisationReturn]] = {}
    for entry in entries:
        groups.setdefault((entry.organisation_key, entry.period.casefold()), []).append(entry)
    kept, duplicates = [], []
    for group in groups.values():
        best = max(group, key=_rank)  # max keeps the first of equals
        kept.append(best)
        for other in group:
            if other is not best:
                identical = _same_answers(best.document, other.document)
                duplicates.append(Duplicate(other.source, best, identical, _why_kept(best, other)))
    return kept, duplicates


def aggregate(
    paths: Sequence[str | Path],
    framework: Framework,
    previous: Sequence[str | Path] = (),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RegionalData:
    """Read every return (and a previous round's) into regional data; raise Cancelled if asked."""
    current_files, previous_files = expand_inputs(paths), expand_inputs(previous)
    total = len(current_files) + len(previous_files)
    counter = iter(range(1, total + 1))

    def read_all(files: list[Path]) -> RegionalData:
        entries, unreadable = [], []
        for path in files:
            if cancelled is not None and cancelled():
                raise Cancelled
            try:
                document = read_return(path, framework)
                entries.append(
                    OrganisationReturn(path, document, overall_result(document.framework,
                                                                      document.assessment))
                )  # fmt: skip
            except SelfAssessError as exc:
                unreadable.append(Unreadable(path, _reason(path, exc)))
            except Exception as exc:  # one bad return, however it fails, never stops the rest
                unreadable.append(
                    Unreadable(path, f"It could not be read ({type(exc).__name__}: {exc})")
                )
            if progress is not None:
                progress(next(counter), total, path.name)
        kept, duplicates = _deduplicate(entries)
        kept.sort(key=lambda e: (_type_order(framework, e.org_type), e.name.casefold()))
        return RegionalData(framework, kept, unreadable, duplicates)

    data = read_all(current_files)
    if previous_files:
        data.previous = read_all(previous_files)
    return data


def _type_order(framework: Framework, org_type: str) -> int:
    ids = [org.id for org in framework.organisation_types]
    return ids.index(org_type) if org_type in ids else len(ids)
