"""The one hierarchy of errors that the core raises for bad input, shared by CLI and GUI."""

from __future__ import annotations

from dataclasses import dataclass


class SelfAssessError(Exception):
    """Bad input or a failed operation that the user can act on; the message says what to do."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definitions file: where it is and what was expected."""

    file: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class DefinitionsError(SelfAssessError):
    """A definitions file that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the standards definitions"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))


class DocumentError(SelfAssessError):
    """A .sendassess file that cannot be opened or saved."""


class DocumentLockedError(DocumentError):
    """Someone else has the document open; carries who, where and since when."""

    def __init__(self, message: str, holder: object) -> None:
        super().__init__(message)
        self.holder = holder


class ExportError(SelfAssessError):
    """A workbook or report that could not be written."""


class ImportError_(SelfAssessError):
    """A return workbook that could not be read into an assessment."""


@dataclass(frozen=True)
class ReturnProblem:
    """One thing wrong with a return workbook: the sheet and cell, and what is wrong there."""

    sheet: str  # empty when the problem is with the file as a whole
    cell: str  # empty when the problem is with the whole sheet
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{where}: {self.message}" if where else self.message


class ReturnError(ImportError_):
    """A return that was not imported; carries every problem found, each with its place."""

    def __init__(self, name: str, problems: list[ReturnProblem]) -> None:
        self.name = name
        self.problems = problems
        if len(problems) == 1 and not problems[0].sheet:
            super().__init__(f"{name}: {problems[0].message}")
            return
        count = len(problems)
        head = f"{name} was not imported: {count} problem{'s' if count != 1 else ''}"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))
