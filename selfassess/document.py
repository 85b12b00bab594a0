"""The .sendassess file: a ZIP of manifest, assessment, framework snapshot and attachments.

Documents travel by e-mail and shared drives and may come from anyone, so opening one checks
everything before trusting it, and saving replaces the file in one atomic step.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from pydantic import ValidationError

from selfassess import __version__
from selfassess.assessment import Assessment, consistency_problems
from selfassess.atomic import write_with
from selfassess.errors import DefinitionsError, DocumentError
from selfassess.framework import Framework, framework_from_data

FORMAT = "sendassess"
SCHEMA_VERSION = 1
EXTENSION = ".sendassess"

MANIFEST = "manifest.json"
ASSESSMENT = "assessment.json"
FRAMEWORK = "framework.json"
ATTACHMENTS = "attachments/"

# Limits against hostile or broken files: a genuine assessment is a few hundred KB of JSON
# plus the evidence files a quality lead attaches.
MAX_MEMBERS = 5_000
MAX_JSON_BYTES = 50 * 2**20
MAX_ATTACHMENT_BYTES = 200 * 2**20
MAX_TOTAL_BYTES = 1 * 2**30
MAX_RATIO = 200  # uncompressed / compressed, beyond which a large member is taken as a bomb
_RATIO_FLOOR = 2**20  # small members may compress well (blank text) without being bombs


@dataclass
class Document:
    """An assessment with the definitions it was scored against and its attached files."""

    assessment: Assessment
    framework: Framework
    attachments: dict[str, bytes] = field(default_factory=dict)

    def add_attachment(self, name: str, data: bytes) -> str:
        """Store a file under a safe, unique name and return that name."""
        safe = safe_attachment_name(name)
        stem, dot, suffix = safe.rpartition(".")
        if not dot:
            stem, suffix = safe, ""
        candidate, counter = safe, 1
        while candidate in self.attachments and self.attachments[candidate] != data:
            counter += 1
            candidate = f"{stem} ({counter}){dot}{suffix}"
        self.attachments[candidate] = data
        return candidate


def safe_attachment_name(name: str) -> str:
    """A file name with no folders, no traversal and no characters Windows refuses."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r'[<>:"|?*\x00-\x1f]', "_", base).strip(" .")
    return base[:120] or "attachment"


def _manifest(document: Document) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "saved": datetime.now().replace(microsecond=0).isoformat(),
        "attachments": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in sorted(document.attachments.items())
        },
    }


def write_document(document: Document, handle: BinaryIO) -> None:
    """Write the ZIP container to an open binary file."""
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(_manifest(document), indent=2))
        archive.writestr(ASSESSMENT, document.assessment.model_dump_json(indent=2))
        archive.writestr(FRAMEWORK, document.framework.model_dump_json(indent=2))
        for name, data in sorted(document.attachments.items()):
            archive.writestr(ATTACHMENTS + name, data)


def save_document(document: Document, path: str | Path) -> None:
    """Save atomically: the old file stays intact until the new one is complete on disk."""
    write_with(Path(path), lambda handle: write_document(document, handle))


def _check_member_names(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(
            f"{name} has {len(infos)} parts; a document has at most "
            f"{MAX_MEMBERS}. It is not a SEND self-assessment document."
        )
    total = 0
    for info in infos:
        member = PurePosixPath(info.filename.replace("\\", "/"))
        if member.is_absolute() or ".." in member.parts or re.match(r"^[A-Za-z]:", info.filename):
            raise DocumentError(
                f"{name} contains an unsafe path ({info.filename!r}); it was "
                "refused to protect your files. Ask the sender for a new copy."
            )
        limit = (
            MAX_JSON_BYTES if not info.filename.startswith(ATTACHMENTS) else (MAX_ATTACHMENT_BYTES)
        )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise DocumentError(
                f"{name} has an oversized part ({info.filename!r}, "
                f"{info.file_size:,} bytes unpacked); it was refused as unsafe."
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise DocumentError(
            f"{name} would unpack to {total:,} bytes, more than the "
            f"{MAX_TOTAL_BYTES:,} allowed; it was refused as unsafe."
        )


def _read(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise DocumentError(
            f"{name} is incomplete: its {member} part is missing. "
            "It may have been damaged in transfer."
        ) from None
    try:
        with archive.open(info) as stream:
            # Read one byte past the declared size: a member that inflates beyond what its
            # header says is a bomb or damage, and is never read to the end.
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise DocumentError(
            f"{name} is damaged: its {member} part cannot be read ({exc})."
        ) from None
    if len(data) > info.file_size:
        raise DocumentError(f"{name} is damaged: {member} is larger than its header says.")
    return data


def _json(archive: zipfile.ZipFile, member: str, name: str) -> Any:
    try:
        return json.loads(_read(archive, member, name).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(f"{name} is damaged: {member} is not valid JSON ({exc}).") from None


def _first_error(error: ValidationError) -> str:
    item = error.errors()[0]
    where = ".".join(str(part) for part in item["loc"]) or "top level"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{where}: {item['msg']}{more}"


def _check_is_ours(archive: zipfile.ZipFile, name: str) -> None:
    """Tell a foreign ZIP (an Office file, an archive) from a document missing a part."""
    names = set(archive.namelist())
    if not names & {MANIFEST, ASSESSMENT, FRAMEWORK}:
        kind = (
            "an Office file (such as an Excel workbook)"
            if "[Content_Types].xml" in names
            else "a ZIP archive of other files"
        )
        raise DocumentError(
            f"{name} is not a SEND self-assessment document: it is {kind}. "
            "Open a .sendassess file, or import a return workbook instead."
        )


def _check_manifest(manifest: Any, name: str) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise DocumentError(
            f"{name} is not a SEND self-assessment document (its manifest "
            "does not name the sendassess format)."
        )
    version = manifest.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise DocumentError(f"{name} has an invalid schema version ({version!r}).")
    if version > SCHEMA_VERSION:
        saved_by = manifest.get("app_version", "a newer version")
        raise DocumentError(
            f"{name} was saved by a newer SEND Self-Assessment ({saved_by}, "
            f"file format {version}); this version reads format "
            f"{SCHEMA_VERSION}. Update the application to open it."
        )
    if not isinstance(manifest.get("attachments", {}), dict):
        raise DocumentError(f"{name} is damaged: its manifest's attachment list is invalid.")


def _attachments(archive: zipfile.ZipFile, manifest: dict[str, Any], name: str) -> dict[str, bytes]:
    listed: dict[str, Any] = manifest.get("attachments", {})
    present = {
        info.filename[len(ATTACHMENTS) :]
        for info in archive.infolist()
        if info.filename.startswith(ATTACHMENTS) and not info.is_dir()
    }
    if unlisted := present - set(listed):
        raise DocumentError(
            f"{name} contains attachments its manifest does not list: "
            f"{', '.join(sorted(unlisted))}."
        )
    attachments = {}
    for attachment, entry in listed.items():
        data = _read(archive, ATTACHMENTS + attachment, name)
        expected = entry.get("sha256") if isinstance(entry, dict) else None
        if hashlib.sha256(data).hexdigest() != expected:
            raise DocumentError(
                f"{name}: the attachment {attachment!r} does not match its "
                "recorded checksum; the file was altered or damaged."
            )
        attachments[attachment] = data
    return attachments


def read_document(path: str | Path) -> Document:
    """Open a .sendassess file, checking it thoroughly; raise DocumentError saying what is wrong."""
    path = Path(path)
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise DocumentError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise DocumentError(f"{path} is a folder, not a document.") from None
    except PermissionError:
        raise DocumentError(f"{name} cannot be read: permission denied.") from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocumentError(
            f"{name} is not a SEND self-assessment document (not a ZIP "
            "container), or it is truncated or damaged."
        ) from None
    with archive:
        _check_member_names(archive, name)
        _check_is_ours(archive, name)
        manifest = _json(archive, MANIFEST, name)
        _check_manifest(manifest, name)
        try:
            framework = framework_from_data(_json(archive, FRAMEWORK, name), FRAMEWORK)
        except DefinitionsError as exc:
            raise DocumentError(
                f"{name} is damaged: its standards definitions are invalid ({exc.problems[0]})."
            ) from None
        try:
            assessment = Assessment.model_validate(_json(archive, ASSESSMENT, name))
        except ValidationError as exc:
            raise DocumentError(
                f"{name} is damaged: the assessment is invalid ({_first_error(exc)})."
            ) from None
        if mismatches := consistency_problems(assessment, framework):
            raise DocumentError(
                f"{name} does not match its standards definitions: {mismatches[0]}."
            )
        attachments = _attachments(archive, manifest, name)
    missing = sorted(
        {
            item.attachment
            for response in assessment.responses.values()
            for item in response.evidence
            if item.attachment and item.attachment not in attachments
        }
    )
    if missing:
        raise DocumentError(
            f"{name} is incomplete: evidence refers to attachments that are not "
            f"in the file ({', '.join(missing)})."
        )
    return Document(assessment, framework, attachments)
