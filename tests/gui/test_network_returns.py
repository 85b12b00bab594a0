"""The Network returns window: read a folder of returns, filter and sort the heat map, open one,
export the regional workbook, and cancel a long read."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from selfassess.gui import network_returns
from selfassess.gui.network_models import FIXED_COLUMNS, HeatMapModel
from selfassess.gui.network_returns import NetworkReturnsWindow, open_in_main_window
from selfassess.presentation import rating_colours
from selfassess.returns.aggregate import Cancelled
from selfassess.returns.demo_returns import write_demo_returns

COUNT = 9  # 3 commissioners and 6 providers


@pytest.fixture(scope="module")
def returns_folder(tmp_path_factory: Any, framework: Any) -> Path:
    folder = tmp_path_factory.mktemp("returns")
    paths = write_demo_returns(folder, framework, COUNT)
    (folder / "agenda.xlsx").write_text("not a workbook")
    shutil.copy(paths[0], folder / "zz-sent-again.sendassess")
    return folder


@pytest.fixture
def opened() -> list[Any]:
    return []


@pytest.fixture
def network(qtbot: Any, framework: Any, opened: list[Any], fake_dialogs: Any) -> Any:
    window = NetworkReturnsWindow(framework, opened.append)
    qtbot.addWidget(window)
    window.show()
    return window


def _read(qtbot: Any, network: Any, folder: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(network_returns, "ask_folder", lambda parent, title: folder)
    network.add_folder_action.trigger()
    qtbot.waitUntil(lambda: network.regional is not None and network.job is None, timeout=30_000)


def test_a_folder_of_returns_fills_the_heat_map(qtbot, network, returns_folder, monkeypatch):
    assert not network.export_workbook_action.isEnabled()
    _read(qtbot, network, returns_folder, monkeypatch)
    model = network.heat_model
    assert model.rowCount() == COUNT
    assert "9 returns counted (3 commissioners, 6 providers)" in network.summary.text()
    assert "1 could not be read" in network.summary.text()
    assert "1 duplicate not counted again" in network.summary.text()
    assert network.tabs.tabText(1) == "&Not counted (2)"
    reasons = [network.not_counted_model.index(r, 1).data() for r in range(2)]
    assert any("not an Excel workbook" in reason for reason in reasons)
    assert any("counted instead" in reason for reason in reasons)
    # Every rating cell has its word and its fill.
    for row in range(model.rowCount()):
        entry = model.entry(row)
        for offset, result in enumerate(entry.overall.standards):
            index = model.index(row, len(FIXED_COLUMNS) + offset)
            fill, text = rating_colours(result)
            assert index.data(Qt.ItemDataRole.BackgroundRole) == QColor(fill)
            assert index.data(Qt.ItemDataRole.ForegroundRole) == QColor(text)
            word = index.data()
            assert word == ("N/A" if result.status == "not_applicable" else result.rating.title()
                            if result.status == "rated" else "Not rated")  # fmt: skip
            assert entry.name in index.data(Qt.ItemDataRole.ToolTipRole)
    assert network.export_workbook_action.isEnabled()


def test_filter_by_type_and_sort_by_rating(qtbot, network, returns_folder, monkeypatch):
    _read(qtbot, network, returns_folder, monkeypatch)
    proxy = network.proxy
    network.type_filter.setCurrentIndex(network.type_filter.findData("provider"))
    assert proxy.rowCount() == 6
    assert {proxy.index(r, 1).data() for r in range(proxy.rowCount())} == {"Provider"}
    network.type_filter.setCurrentIndex(network.type_filter.findData("commissioner"))
    assert proxy.rowCount() == 3
    network.type_filter.setCurrentIndex(0)
    assert proxy.rowCount() == COUNT
    column = len(FIXED_COLUMNS)  # standard 1
    network.heat_view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    words = [proxy.index(r, column).data() for r in range(proxy.rowCount())]
    order = {"Red": 0, "Amber": 1, "Green": 2}
    assert [order[w] for w in words] == sorted(order[w] for w in words)
    network.heat_view.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # overall %
    overall = [network.heat_model.entry(proxy.mapToSource(proxy.index(r, 0)).row())
               .overall.percent for r in range(proxy.rowCount())]  # fmt: skip
    assert overall == sorted(overall, reverse=True)


def test_models_pass_the_model_tester(qtbot, qtmodeltester, network, returns_folder, monkeypatch):
    qtmodeltester.check(network.heat_model)
    _read(qtbot, network, returns_folder, monkeypatch)
    qtmodeltester.check(network.heat_model)
    qtmodeltester.check(network.proxy)
    qtmodeltester.check(network.not_counted_model)
    network.type_filter.setCurrentIndex(1)
    qtmodeltester.check(network.proxy)


def test_open_the_selected_return(qtbot, network, returns_folder, monkeypatch, opened):
    _read(qtbot, network, returns_folder, monkeypatch)
    proxy = network.proxy
    network.heat_view.selectionModel().select(
        proxy.index(2, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    network.open_action.trigger()
    expected = network.heat_model.entry(proxy.mapToSource(proxy.index(2, 0)).row())
    assert opened == [expected]


def test_open_in_the_main_window(window, network, qtbot, returns_folder, monkeypatch):
    _read(qtbot, network, returns_folder, monkeypatch)
    model = network.heat_model
    workbook = next(model.entry(r) for r in range(COUNT) if model.entry(r).source.suffix == ".xlsx")
    open_in_main_window(window, workbook)
    assert window.session.document.assessment == workbook.document.assessment
    assert window.session.is_dirty  # a workbook opens as a new assessment, to be saved
    window.session.undo_stack.setClean()
    window.session.load(None)
    document = next(model.entry(r) for r in range(COUNT) if model.entry(r).source.suffix != ".xlsx")
    open_in_main_window(window, document)
    assert window.session.path == document.source


def test_export_the_regional_workbook(qtbot, network, returns_folder, monkeypatch, tmp_path,
                                      fake_dialogs):  # fmt: skip
    _read(qtbot, network, returns_folder, monkeypatch)
    fake_dialogs.save_path = tmp_path / "regional.xlsx"
    network.export_workbook_action.trigger()
    qtbot.waitUntil(lambda: "open_result" in fake_dialogs.kinds(), timeout=30_000)
    sheet = openpyxl.load_workbook(fake_dialogs.save_path)["Heat map"]
    names = [sheet.cell(row, 1).value for row in range(5, 5 + COUNT)]
    assert names == [network.heat_model.entry(r).name for r in range(COUNT)]


def test_cancelling_keeps_what_was_shown(qtbot, network, returns_folder, monkeypatch, tmp_path):
    _read(qtbot, network, returns_folder, monkeypatch)
    shown = network.regional

    def slow(paths: Any, framework: Any, previous: Any = (), progress: Any = None,
             cancelled: Any = None) -> Any:  # fmt: skip
        for done in range(1, 1000):
            if cancelled():
                raise Cancelled
            progress(done, 1000, f"return-{done}.sendassess")
            time.sleep(0.01)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(network_returns, "aggregate", slow)
    other = tmp_path / "more"
    write_demo_returns(other, network.framework, 2, first_seed=50)
    network.add_paths([other])
    qtbot.waitUntil(lambda: network.progress is not None and network.progress.value() > 2)
    assert network.progress.labelText().startswith("Read ")
    qtbot.mouseClick(network.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: network.job is None, timeout=10_000)
    assert network.regional is shown and network.heat_model.rowCount() == COUNT
    assert "cancelled" in network.statusBar().currentMessage()
    assert network.inputs == [returns_folder]


def test_the_main_window_opens_it_from_the_file_menu(window, qtbot):
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "N&etwork returns…")
    action.trigger()
    network = window.findChild(NetworkReturnsWindow)
    assert network is not None and network.isVisible()
    action.trigger()
    assert window.findChildren(NetworkReturnsWindow) == [network]  # one window, raised again
    assert isinstance(network.heat_model, HeatMapModel)
