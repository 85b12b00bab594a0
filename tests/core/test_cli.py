"""The selfassess command line, as a user at a terminal would run it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from selfassess import __version__
from selfassess.cli import build_parser, main
from selfassess.document import read_document


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_every_subcommand_has_help(capsys):
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"check-standards", "new", "demo", "summary", "unlock"} <= set(commands)
    for name in commands:
        with pytest.raises(SystemExit) as exit_:
            main([name, "--help"])
        assert exit_.value.code == 0
        assert "usage: selfassess " + name in capsys.readouterr().out


def test_check_bundled_standards(capsys):
    code, out, _ = run(capsys, "check-standards")
    assert code == 0
    assert "valid" in out and "11 standards" in out


def test_check_bad_standards_lists_every_problem(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Not An Id\ntitle: ''\nversion: 1\nsurprise: yes\n")
    code, _, err = run(capsys, "check-standards", str(bad))
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[0].startswith("selfassess: error: ") and "problems in" in lines[0]
    assert any(f"{bad}:1: id:" in line for line in lines)
    assert any(f"{bad}:4: surprise: unknown field" in line for line in lines)
    assert any("missing required field 'standards'" in line for line in lines)
    assert "Traceback" not in err


def test_new_then_summary(capsys, tmp_path):
    out_file = tmp_path / "icb.sendassess"
    code, out, _ = run(
        capsys,
        "new",
        str(out_file),
        "--org",
        "NHS Devon ICB",
        "--type",
        "commissioner",
        "--ods",
        "QJK",
        "--period",
        "2026/27",
    )
    assert code == 0 and out_file.exists()
    document = read_document(out_file)
    assert document.assessment.organisation.ods_code == "QJK"
    code, out, _ = run(capsys, "summary", str(out_file), "--json")
    data = json.loads(out)
    assert data["organisation"]["name"] == "NHS Devon ICB"
    assert data["period"]["label"] == "2026/27"
    assert [s["number"] for s in data["standards"]] == list(range(1, 12))
    assert {s["rating"] for s in data["standards"]} == {"not_rated"}
    assert data["overall"] == {"percent": None, "level": None, "completeness": 0.0}


def test_new_refuses_to_overwrite(capsys, tmp_path):
    out_file = tmp_path / "x.sendassess"
    out_file.write_text("keep me")
    code, _, err = run(capsys, "new", str(out_file), "--org", "X", "--type", "provider")
    assert code == 2
    assert err.startswith("selfassess: error:") and "--force" in err
    assert out_file.read_text() == "keep me"


def test_new_with_bad_period(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "new",
        str(tmp_path / "p.sendassess"),
        "--org",
        "X",
        "--type",
        "provider",
        "--start",
        "2026-04-01",
        "--end",
        "2025-03-31",
    )
    assert code == 2 and "must end after it starts" in err


def test_demo_is_reproducible_and_seeds_differ(capsys, tmp_path):
    paths = {}
    for name, seed in (("a", 4), ("b", 4), ("c", 5)):
        paths[name] = tmp_path / f"{name}.sendassess"
        assert (
            run(capsys, "demo", str(paths[name]), "--seed", str(seed), "--type", "provider")[0] == 0
        )
    a, b, c = (read_document(paths[n]).assessment for n in "abc")
    assert a == b
    assert a != c
    assert a.organisation.type == "provider"


def test_demo_summary_is_a_realistic_mix(capsys, tmp_path):
    out_file = tmp_path / "demo.sendassess"
    run(capsys, "demo", str(out_file), "--seed", "2")
    code, out, _ = run(capsys, "summary", str(out_file), "--json")
    data = json.loads(out)
    ratings = [s["rating"] for s in data["standards"]]
    assert len(set(ratings)) >= 2
    assert data["overall"]["level"] in {"full", "substantial", "partial", "non_compliant"}
    code, text, _ = run(capsys, "summary", str(out_file))
    assert code == 0 and "Overall" in text and "assurance" in text


def test_summary_of_a_corrupt_document(capsys, tmp_path):
    broken = tmp_path / "broken.sendassess"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    code, out, err = run(capsys, "summary", str(broken))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("selfassess: error: broken.sendassess is not a SEND self-assessment")


def test_unknown_option_and_type_exit_2(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["new", str(tmp_path / "x"), "--org", "X", "--type", "school"])
    assert exit_.value.code == 2
    assert "invalid choice: 'school'" in capsys.readouterr().err


def test_unlock(capsys, tmp_path):
    doc = tmp_path / "d.sendassess"
    doc.write_bytes(b"")
    (tmp_path / "~$d.sendassess.lock").write_text(
        '{"user": "amy", "machine": "PC1", "pid": 1, "since": "2026-01-01T10:00:00"}'
    )
    code, out, _ = run(capsys, "unlock", str(doc))
    assert code == 0 and "amy on PC1" in out
    assert not (tmp_path / "~$d.sendassess.lock").exists()


def test_console_entry_point_has_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "selfassess", "summary", str(tmp_path / "absent.sendassess")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("selfassess: error:") and "Traceback" not in result.stderr


def test_export_both_files_beside_the_document(capsys, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    source = tmp_path / "trust.sendassess"
    run(capsys, "demo", str(source), "--type", "provider", "--seed", "3")
    code, _, _ = run(capsys, "export", str(source))
    assert code == 0
    organisation = read_document(source).assessment.organisation.name
    workbook = load_workbook(tmp_path / "trust.xlsx")
    assert "Summary" in workbook.sheetnames
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "trust.pdf").pages[:2])
    assert organisation in " ".join(text.split())


def test_export_only_the_named_file_and_report_failures(capsys, tmp_path):
    source = tmp_path / "icb.sendassess"
    run(capsys, "demo", str(source))
    code, _, _ = run(capsys, "export", str(source), "--xlsx", str(tmp_path / "only.xlsx"))
    assert code == 0 and (tmp_path / "only.xlsx").exists()
    assert not (tmp_path / "icb.pdf").exists()
    code, _, err = run(capsys, "export", str(source), "--pdf", str(tmp_path / "no" / "x.pdf"))
    assert code == 2
    assert err.startswith("selfassess: error:") and "does not exist" in err


def test_output_cut_short_by_the_reader_is_not_a_traceback(tmp_path):
    source = tmp_path / "d.sendassess"
    subprocess.run(
        [sys.executable, "-m", "selfassess", "demo", str(source)], check=True, capture_output=True
    )
    reader = subprocess.Popen(
        [sys.executable, "-m", "selfassess", "summary", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    reader.stdout.close()  # gone before the summary is printed, as `| head -0` would be
    err = reader.stderr.read() if reader.stderr else b""
    assert reader.wait() == 1
    assert b"Traceback" not in err and b"Broken pipe" not in err
