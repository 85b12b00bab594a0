"""`selfassess screenshot` writes a PNG of the view asked for, at the size asked for."""

from __future__ import annotations

from PySide6.QtGui import QImage

from selfassess.cli import main
from selfassess.lock import lock_path


def test_screenshot_of_the_dashboard_and_a_standard(qtbot, demo_path, tmp_path, capsys):
    dashboard = tmp_path / "dashboard.png"
    assert main(["screenshot", str(demo_path), "-o", str(dashboard)]) == 0
    image = QImage(str(dashboard))
    assert (image.width(), image.height()) == (1400, 900)

    page = tmp_path / "standard.png"
    args = ["screenshot", str(demo_path), "-o", str(page), "--view", "standard:3"]
    assert main([*args, "--size", "1000x700"]) == 0
    image = QImage(str(page))
    assert (image.width(), image.height()) == (1000, 700)
    assert QImage(str(dashboard)) != image
    assert not lock_path(demo_path).exists()  # looking takes no lock


def test_screenshot_refuses_an_unknown_view(demo_path, tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["screenshot", str(demo_path), "-o", str(out), "--view", "standard:99"]) == 2
    assert "no standard 99" in capsys.readouterr().err
    assert not out.exists()
