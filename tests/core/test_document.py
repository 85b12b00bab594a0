"""The .sendassess container: round trips, atomic saves, and refusing bad or hostile files."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

import selfassess
from selfassess.assessment import CriterionAnswer, EvidenceItem
from selfassess.document import (
    SCHEMA_VERSION,
    Document,
    read_document,
    save_document,
    write_document,
)
from selfassess.errors import DocumentError

from .conftest import SMALL_FRAMEWORK


@pytest.fixture
def document(small_framework, commissioner_assessment) -> Document:
    response = commissioner_assessment.response("s1")
    response.answers["s1-a"] = CriterionAnswer(score=2)
    response.narrative = "Arrangements are in place — mostly. Ünïcödé survives."
    doc = Document(commissioner_assessment, small_framework)
    name = doc.add_attachment("policy.pdf", b"%PDF-1.4 fake")
    response.evidence.append(EvidenceItem(title="Notification policy", attachment=name))
    return doc


def _zip(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _members(document: Document) -> dict[str, bytes]:
    buffer = io.BytesIO()
    write_document(document, buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_round_trip_keeps_everything(tmp_path, document):
    path = tmp_path / "a.sendassess"
    save_document(document, path)
    reopened = read_document(path)
    assert reopened.assessment == document.assessment
    assert reopened.framework == document.framework
    assert reopened.attachments == {"policy.pdf": b"%PDF-1.4 fake"}


def test_container_layout(document):
    members = _members(document)
    assert set(members) == {
        "manifest.json",
        "assessment.json",
        "framework.json",
        "attachments/policy.pdf",
    }
    manifest = json.loads(members["manifest.json"])
    assert manifest["format"] == "sendassess"
    assert manifest["schema_version"] == SCHEMA_VERSION


def test_attachment_names_are_made_safe_and_unique(document):
    assert document.add_attachment("../../etc/passwd", b"x") == "passwd"
    assert document.add_attachment("C:\\Users\\me\\policy.pdf", b"other") == "policy (2).pdf"
    assert document.add_attachment("policy.pdf", b"%PDF-1.4 fake") == "policy.pdf"  # same bytes


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a ZIP"),
        (b"Just some text, not a document", "not a ZIP"),
        (b"PK\x03\x04garbage", "not a ZIP"),
    ],
)
def test_not_a_zip(tmp_path, content, message):
    path = tmp_path / "x.sendassess"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        read_document(path)


def test_truncated_file(tmp_path, document):
    path = tmp_path / "t.sendassess"
    save_document(document, path)
    data = path.read_bytes()
    for cut in (len(data) // 3, len(data) - 30):
        path.write_bytes(data[:cut])
        with pytest.raises(DocumentError, match="damaged"):
            read_document(path)


def test_foreign_zip_is_not_a_document(tmp_path):
    path = tmp_path / "report.sendassess"
    path.write_bytes(_zip({"word/document.xml": "<w/>", "manifest.json": '{"format": "docx"}'}))
    with pytest.raises(DocumentError, match=r"not a SEND self-assessment document"):
        read_document(path)


@pytest.mark.parametrize("missing", ["manifest.json", "assessment.json", "framework.json"])
def test_missing_parts(tmp_path, document, missing):
    members = _members(document)
    del members[missing]
    path = tmp_path / "m.sendassess"
    path.write_bytes(_zip(members))
    with pytest.raises(DocumentError, match=f"incomplete: its {missing} part is missing"):
        read_document(path)


def test_invalid_json(tmp_path, document):
    members = _members(document)
    members["assessment.json"] = b"{not json"
    path = tmp_path / "j.sendassess"
    path.write_bytes(_zip(members))
    with pytest.raises(DocumentError, match=r"assessment.json is not valid JSON"):
        read_document(path)


def test_invalid_assessment_content(tmp_path, document):
    members = _members(document)
    data = json.loads(members["assessment.json"])
    data["organisation"]["name"] = ""
    members["assessment.json"] = json.dumps(data).encode()
    path = tmp_path / "v.sendassess"
    path.write_bytes(_zip(members))
    with pytest.raises(DocumentError, match=r"assessment is invalid \(organisation.name"):
        read_document(path)


def test_answer_to_unknown_criterion(tmp_path, document):
    document.assessment.response("s1").answers["nope"] = CriterionAnswer(score=1)
    path = tmp_path / "u.sendassess"
    save_document(document, path)
    with pytest.raises(DocumentError, match=r"unknown criterion 'nope'"):
        read_document(path)


def test_future_schema_version_is_refused(tmp_path, document):
    members = _members(document)
    manifest = json.loads(members["manifest.json"])
    manifest["schema_version"] = SCHEMA_VERSION + 1
    manifest["app_version"] = "9.0"
    members["manifest.json"] = json.dumps(manifest).encode()
    path = tmp_path / "f.sendassess"
    path.write_bytes(_zip(members))
    with pytest.raises(DocumentError, match=r"newer SEND Self-Assessment.*Update the application"):
        read_document(path)


@pytest.mark.parametrize(
    "evil", ["../escape.txt", "/etc/passwd", "attachments/../../x", "C:/Windows/x"]
)
def test_path_traversal_is_refused(tmp_path, document, evil):
    members = _members(document)
    members[evil] = b"x"
    path = tmp_path / "p.sendassess"
    path.write_bytes(_zip(members))
    with pytest.raises(DocumentError, match=r"unsafe path"):
        read_document(path)


def test_zip_bomb_is_refused(tmp_path, document):
    members = _members(document)
    members["attachments/zeros.bin"] = b"\0" * (50 * 2**20)  # 50 MB compresses ~1000:1
    path = tmp_path / "b.sendassess"
    path.write_bytes(_zip(members))
    assert path.stat().st_size < 2**20
    with pytest.raises(DocumentError, match=r"oversized part"):
        read_document(path)


def test_attachment_hash_mismatch(tmp_path, document):
    members = _members(document)
    members["attachments/policy.pdf"] = b"%PDF-1.4 tampered"
    path = tmp_path / "h.sendassess"
    path.write_bytes(_zip(members))
    with pytest.raises(DocumentError, match=r"does not match its recorded checksum"):
        read_document(path)


def test_unlisted_and_missing_attachments(tmp_path, document):
    members = _members(document)
    members["attachments/extra.exe"] = b"MZ"
    path = tmp_path / "e.sendassess"
    path.write_bytes(_zip(members))
    with pytest.raises(DocumentError, match=r"does not list: extra.exe"):
        read_document(path)
    document.attachments.clear()
    save_document(document, path)
    with pytest.raises(DocumentError, match=r"not in the file \(policy.pdf\)"):
        read_document(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DocumentError, match=r"does not exist"):
        read_document(tmp_path / "absent.sendassess")
    with pytest.raises(DocumentError, match=r"folder"):
        read_document(tmp_path)


def test_failed_save_keeps_the_old_file(tmp_path, document, monkeypatch):
    path = tmp_path / "keep.sendassess"
    save_document(document, path)
    before = path.read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(Exception, match=r"disk is full"):
        save_document(document, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.sendassess"]


WRITER = textwrap.dedent("""\
    import random
    import string
    import sys
    from selfassess.assessment import Organisation, Period, new_assessment
    from selfassess.document import Document, save_document
    from selfassess.framework import parse_framework

    framework = parse_framework(open(sys.argv[2]).read())
    docs = []
    for version in ("A", "B"):
        assessment = new_assessment(framework, Organisation(name="ICB", type="commissioner"),
                                    Period(label="2025/26"))
        # Incompressible text, so that each save takes long enough to be killed mid-way.
        noise = "".join(random.choices(string.ascii_letters, k=2_000_000))
        assessment.response("s1").narrative = version + noise
        docs.append(Document(assessment, framework))
    print("ready", flush=True)
    n = 0
    while True:
        save_document(docs[n % 2], sys.argv[1])
        n += 1
    """)


def test_kill_during_save_leaves_an_openable_file(tmp_path):
    """Kill a process that saves in a loop at random moments; the file always opens."""
    path = tmp_path / "stress.sendassess"
    framework_file = tmp_path / "small.yaml"
    framework_file.write_text(SMALL_FRAMEWORK)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    rng = random.Random(7)
    seen = set()
    package_root = str(Path(selfassess.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": package_root}
    for _ in range(20):
        writer = subprocess.Popen(
            [sys.executable, str(script), str(path), str(framework_file)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.05, 0.4))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        if path.exists():
            narrative = read_document(path).assessment.responses["s1"].narrative
            assert len(narrative) == 2_000_001 and narrative[0] in "AB"
            seen.add(narrative[0])
    assert path.exists()
    assert seen  # at least one save completed and was read back


def test_save_keeps_the_files_permissions(tmp_path, document):
    path = tmp_path / "shared.sendassess"
    save_document(document, path)
    os.chmod(path, 0o664)
    save_document(document, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    fresh = tmp_path / "fresh.sendassess"
    save_document(document, fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) & 0o044 == 0o044 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def test_a_workbook_renamed_is_named_as_such(tmp_path):
    path = tmp_path / "return.sendassess"
    path.write_bytes(_zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}))
    with pytest.raises(DocumentError, match=r"not a SEND self-assessment document: it is an Of"):
        read_document(path)


def test_invalid_definitions_snapshot(tmp_path, document):
    members = _members(document)
    snapshot = json.loads(members["framework.json"])
    snapshot["bands"][0]["min_percent"] = 10  # the bands no longer start at 0 %
    members["framework.json"] = json.dumps(snapshot).encode()
    path = tmp_path / "f.sendassess"
    path.write_bytes(_zip(members))
    with pytest.raises(DocumentError, match=r"definitions are invalid .*bands must cover"):
        read_document(path)
