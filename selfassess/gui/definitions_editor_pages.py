"""The definitions editor's form pages: framework, scale and bands, assurance, standards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfassess.gui.definitions_editor_draft import (
    DIRECTION_LABELS,
    FIELD_LABELS,
    KIND_LABELS,
    FieldPath,
    is_hex_colour,
    measure_defaults,
    show_number,
)
from selfassess.gui.definitions_editor_fields import Binder, Column, RowList, small_button
from selfassess.gui.definitions_editor_nav import Node
from selfassess.presentation import (
    CRITERION_KIND_WORDS,
    MIN_TEXT_CONTRAST,
    NHS_BLUE,
    contrast_ratio,
)


class Editor(Protocol):
    """What a page asks of the editor window beyond editing fields."""

    def open_node(self, node: Node) -> None: ...
    def add_criterion(self, standard: int, at: int) -> None: ...
    def remove_criterion(self, standard: int, index: int) -> None: ...
    def move_criterion(self, standard: int, index: int, step: int) -> None: ...


class _Page(QWidget):
    """A heading, a short explanation, then the page's sections."""

    def __init__(self, heading: str, intro: str) -> None:
        super().__init__()
        self.sections = QVBoxLayout(self)
        title = QLabel(heading)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName(heading)
        title.setWordWrap(True)
        self.sections.addWidget(title)
        if intro:
            self.sections.addWidget(_note(intro))

    def form(self, title: str = "") -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add(form if not title else _group(title, form))
        return form

    def add(self, item: QWidget | QFormLayout) -> None:
        if isinstance(item, QWidget):
            self.sections.addWidget(item)
        else:
            self.sections.addLayout(item)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _group(title: str, *items: QWidget | QFormLayout) -> QGroupBox:
    group = QGroupBox(title)
    layout = QVBoxLayout(group)
    for item in items:
        if isinstance(item, QWidget):
            layout.addWidget(item)
        else:
            layout.addLayout(item)
    return group


def _label(key: str) -> str:
    return FIELD_LABELS[key]


def framework_page(binder: Binder) -> _Page:
    page = _Page(
        "Framework",
        "Names these definitions. Change the id or the version when you change them in a way "
        "that makes older scores incomparable; every assessment keeps a copy of the "
        "definitions it was scored against.",
    )
    form = page.form()
    for key in ("id", "title", "version", "publisher"):
        form.addRow(_label(key), binder.line((key,), _label(key)))
    form.addRow(_label("source"), binder.text(("source",), _label("source"), lines=3))
    page.add(
        _group(
            "Organisation types",
            _note("Who can be assessed. Standards and criteria name these ids in Applies to."),
            RowList(
                binder,
                ("organisation_types",),
                [Column("id", chars=14), Column("label", stretch=1)],
                item_name="Organisation type",
                new_item=lambda: {"id": "", "label": ""},
                description=True,
            ),
        )
    )
    return page


def bands_page(binder: Binder) -> _Page:
    page = _Page("Scale and bands", "")
    page.add(
        _group(
            "Judgement scale",
            _note(
                "A judgement criterion is scored on these levels; its percentage is the score "
                "divided by the highest score."
            ),
            RowList(
                binder,
                ("scale",),
                [Column("score", "integer"), Column("label", stretch=1)],
                item_name="Scale level",
                new_item=lambda: {"score": "", "label": ""},
                description=True,
            ),
        )
    )
    page.add(
        _group(
            "Rating bands",
            _note(
                "A standard gets the highest band whose minimum its percentage reaches; one band "
                "must start at 0 %. Text on the fill needs a contrast of at least "
                f"{MIN_TEXT_CONTRAST:g}:1 to be readable."
            ),
            RowList(
                binder,
                ("bands",),
                [
                    Column("label", stretch=1),
                    Column("letter", chars=2),
                    Column("id", chars=8),
                    Column("colour", "colour"),
                    Column("text_colour", "colour"),
                    Column("min_percent", "number"),
                ],
                item_name="Band",
                new_item=lambda: {
                    "id": "",
                    "label": "",
                    "letter": "",
                    "colour": NHS_BLUE,
                    "text_colour": "#FFFFFF",
                    "min_percent": "",
                },
                description=True,
                extra=lambda index: _band_preview(binder, index),
            ),
        )
    )
    return page


def _band_preview(binder: Binder, index: int) -> QWidget:
    """The band as a rating badge will show it, and whether its text is readable."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    swatch = QLabel()
    swatch.setMinimumWidth(swatch.fontMetrics().horizontalAdvance("M Amber M") + 8)
    swatch.setAlignment(Qt.AlignmentFlag.AlignCenter)
    contrast = QLabel()
    contrast.setToolTip(
        f"Contrast of the text on the fill; at least {MIN_TEXT_CONTRAST:g}:1 is needed"
    )
    layout.addWidget(swatch)
    layout.addWidget(contrast)

    def update() -> None:
        band = binder.draft.get_or(("bands", index), {})
        fill, text = str(band.get("colour", "")), str(band.get("text_colour", ""))
        readable = is_hex_colour(fill) and is_hex_colour(text)
        ratio = contrast_ratio(text, fill) if readable else 0.0
        low = ratio < MIN_TEXT_CONTRAST
        shown = (
            f"{band.get('letter', '')}  {band.get('label', '')}".strip(),
            f"background-color: {fill}; color: {text}; border-radius: 3px; padding: 2px 6px;"
            if readable
            else "",
            f"{ratio:.1f}:1{' too low' if low else ''}" if readable else "",
            f"Preview of band {index + 1}; "
            + (
                f"contrast {ratio:.1f} to 1{', too low to read' if low else ''}"
                if readable
                else "colours not valid"
            ),
        )
        # Only what changed is set: this runs after every keystroke on the page.
        if shown != (swatch.text(), swatch.styleSheet(), contrast.text(), swatch.accessibleName()):
            swatch.setText(shown[0])
            swatch.setStyleSheet(shown[1])
            contrast.setText(shown[2])
            swatch.setAccessibleName(shown[3])

    binder.live(update)
    return box


def assurance_page(binder: Binder) -> _Page:
    page = _Page(
        "Assurance",
        "The overall assurance level comes from the share of applicable standards rated in the "
        "compliant band: an organisation gets the highest level whose minimum it reaches.",
    )
    form = page.form()
    path = ("assurance", "compliant_band")
    form.addRow(
        _label("compliant_band"),
        binder.choice(path, _label("compliant_band"), binder.draft.band_choices()),
    )
    page.add(
        _group(
            "Assurance levels",
            RowList(
                binder,
                ("assurance", "levels"),
                [
                    Column("label", stretch=1),
                    Column("id", chars=12),
                    Column("min_percent", "number"),
                ],
                item_name="Level",
                new_item=lambda: {"id": "", "label": "", "min_percent": ""},
                description=True,
            ),
        )
    )
    return page


def standard_page(binder: Binder, editor: Editor, index: int) -> _Page:
    path: FieldPath = ("standards", index)
    standard = binder.draft.get(path)
    page = _Page(f"Standard {show_number(standard.get('number'))}", "")
    form = page.form()
    form.addRow(_label("number"), binder.number((*path, "number"), "Number", integer=True))
    form.addRow(_label("id"), binder.line((*path, "id"), "Id"))
    form.addRow(_label("title"), binder.line((*path, "title"), "Title"))
    form.addRow(_label("statement"), binder.text((*path, "statement"), "Statement", lines=5))
    org_types = binder.draft.org_types()
    form.addRow(_label("applies_to"), binder.checks((*path, "applies_to"), "Applies to", org_types))
    form.addRow(_label("references"), binder.lines((*path, "references"), "References", lines=3))
    form.addRow(_label("guidance"), binder.text((*path, "guidance"), "Guidance", lines=5))
    form.addRow(
        _label("suggested_evidence"),
        binder.lines((*path, "suggested_evidence"), "Suggested evidence", lines=4),
    )
    page.add(_group("Criteria", _criteria_section(binder, editor, index)))
    return page


class _CriteriaList(QTreeWidget):
    """A standard's criteria in order; Enter or a double-click opens one."""

    def __init__(self, binder: Binder, editor: Editor, standard: int) -> None:
        super().__init__()
        self.standard = standard
        self.setAccessibleName("Criteria")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setHeaderLabels(["No.", "Criterion", "Kind", "Applies to"])
        data = binder.draft.get(("standards", standard))
        number = show_number(data.get("number"))
        for row, criterion in enumerate(data.get("criteria", [])):
            applies = criterion.get("applies_to")
            item = QTreeWidgetItem(
                [
                    f"{number}.{row + 1}",
                    str(criterion.get("text", "")).replace("\n", " ") or "(no text yet)",
                    CRITERION_KIND_WORDS.get(str(criterion.get("kind")), "?"),
                    "All" if applies is None else ", ".join(applies),
                ]
            )
            self.addTopLevelItem(item)
        self.setCurrentItem(self.topLevelItem(0))
        self.resizeColumnToContents(0)
        self.setColumnWidth(1, self.fontMetrics().horizontalAdvance("M") * 34)
        rows = max(3, min(self.topLevelItemCount(), 8))
        self.setMinimumHeight(self.sizeHintForRow(0) * (rows + 1) + 8)
        self.itemActivated.connect(
            lambda item: editor.open_node(
                ("standards", standard, "criteria", self.indexOfTopLevelItem(item))
            )
        )

    def selected(self) -> int:
        item = self.currentItem()
        return -1 if item is None else self.indexOfTopLevelItem(item)

    def select_path(self, path: FieldPath) -> None:
        if len(path) > 3 and isinstance(path[3], int) and path[3] < self.topLevelItemCount():
            self.setCurrentItem(self.topLevelItem(path[3]))


def _criteria_section(binder: Binder, editor: Editor, standard: int) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    criteria = _CriteriaList(binder, editor, standard)
    binder.container(("standards", standard, "criteria"), criteria)
    tools = QHBoxLayout()
    tools.setSpacing(2)

    def on_selected(action: Callable[[int], None]) -> Callable[[], None]:
        def run() -> None:
            if criteria.selected() >= 0:
                action(criteria.selected())

        return run

    for text, name, action in (
        ("+", "Add criterion", lambda: editor.add_criterion(standard, criteria.selected() + 1)),
        ("−", "Remove criterion", on_selected(lambda i: editor.remove_criterion(standard, i))),
        ("↑", "Move criterion up", on_selected(lambda i: editor.move_criterion(standard, i, -1))),
        ("↓", "Move criterion down", on_selected(lambda i: editor.move_criterion(standard, i, 1))),
    ):
        tools.addWidget(small_button(text, name, action))
    tools.addStretch(1)
    tools.addWidget(_note("Enter or double-click opens a criterion."))
    layout.addWidget(criteria)
    layout.addLayout(tools)
    return box


def criterion_page(binder: Binder, standard: int, index: int) -> _Page:
    s_path: FieldPath = ("standards", standard)
    path: FieldPath = (*s_path, "criteria", index)
    data = binder.draft.get(path)
    number = show_number(binder.draft.get_or((*s_path, "number"), standard + 1))
    title = binder.draft.get_or((*s_path, "title"), "")
    page = _Page(f"Criterion {number}.{index + 1}", f"Standard {number}: {title}")
    form = page.form()
    form.addRow(_label("id"), binder.line((*path, "id"), "Id"))
    form.addRow(_label("text"), binder.text((*path, "text"), "Text", lines=3))

    def pick_kind(kind: str) -> None:
        changed = {**data, "kind": kind}
        if kind == "measure" and "measure" not in data:
            changed["measure"] = measure_defaults(binder.draft.data.get("bands", []))
        binder.change(path, changed, rebuild=True, focus=(*path, "kind"))

    form.addRow(
        _label("kind"),
        binder.choice((*path, "kind"), "Kind", list(KIND_LABELS.items()), on_pick=pick_kind),
    )
    weight = binder.number((*path, "weight"), "Weight", optional=True)
    weight.setPlaceholderText("1")
    form.addRow(_label("weight"), weight)
    everything = list(binder.draft.get_or((*s_path, "applies_to"), []))
    form.addRow(
        _label("applies_to"),
        binder.checks(
            (*path, "applies_to"),
            "Applies to",
            binder.draft.org_types(),
            everything=everything,
            hint="With all the standard's types ticked, the criterion follows the standard.",
        ),
    )
    form.addRow(_label("guidance"), binder.text((*path, "guidance"), "Guidance", lines=4))
    if data.get("kind") == "measure":
        page.add(_measure_group(binder, (*path, "measure")))
    return page


def _measure_group(binder: Binder, path: FieldPath) -> QGroupBox:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.addRow(_label("numerator"), binder.line((*path, "numerator"), "Numerator"))
    form.addRow(
        _label("denominator"),
        binder.line(
            (*path, "denominator"),
            "Denominator",
            "Leave empty when the measure is a single value",
        ),
    )
    form.addRow(_label("unit"), binder.line((*path, "unit"), "Unit", chars=8))
    form.addRow(
        _label("direction"),
        binder.choice((*path, "direction"), "Direction", list(DIRECTION_LABELS.items())),
    )
    thresholds = RowList(
        binder,
        (*path, "thresholds"),
        [Column("band", "band"), Column("limit", "number"), Column("percent", "number")],
        item_name="Threshold",
        new_item=lambda: {"band": "", "limit": "", "percent": ""},
    )
    return _group(
        "Measure",
        form,
        _note(
            "Thresholds, best first: a value that reaches a limit scores that percent and band; "
            "a value short of every limit scores 0 %."
        ),
        thresholds,
    )


def new_page(binder: Binder, editor: Editor, node: Node) -> QWidget:
    """The page for a navigation node."""
    if node == ("framework",):
        page = framework_page(binder)
    elif node == ("bands",):
        page = bands_page(binder)
    elif node == ("assurance",):
        page = assurance_page(binder)
    elif len(node) == 2:
        page = standard_page(binder, editor, int(node[1]))
    else:
        page = criterion_page(binder, int(node[1]), int(node[3]))
    page.sections.addStretch(1)  # keep the fields at the top of a tall window
    return page
