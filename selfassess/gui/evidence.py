"""A standard's evidence: linked or attached files, with review dates, and opening them."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from selfassess.assessment import EVIDENCE_KINDS, EvidenceItem
from selfassess.document import MAX_ATTACHMENT_BYTES, Document
from selfassess.gui import dialogs
from selfassess.gui.item_panels import ItemForm, ItemsPanel
from selfassess.gui.models import EvidenceModel
from selfassess.gui.widgets import OptionalDateEdit


class EvidenceForm(ItemForm):
    item_type = EvidenceItem
    noun = "evidence"

    def __init__(
        self, item: EvidenceItem | None, attachment: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(item, parent)
        self.attachment = item.attachment if item else attachment
        self.title = QLineEdit(item.title if item else Path(attachment).stem)
        self.kind = QComboBox()
        for kind in EVIDENCE_KINDS:
            self.kind.addItem(kind.capitalize(), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind if item else "other")))
        self.link = QLineEdit(item.link if item else "")
        self.link.setPlaceholderText(r"https://… or \\server\share\file.pdf")
        self.date = OptionalDateEdit()
        self.owner = QLineEdit(item.owner if item else "")
        self.review_by = OptionalDateEdit()
        self.notes = QPlainTextEdit(item.notes if item else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        if item:
            self.date.set_value(item.date)
            self.review_by.set_value(item.review_by)
        self.form.addRow("&Title", self.title)
        self.form.addRow("&Kind", self.kind)
        if self.attachment:
            self.form.addRow("Attached file", QLineEdit(self.attachment, readOnly=True))
        else:
            self.form.addRow("&Link", self.link)
        self.form.addRow("&Dated", self.date)
        self.form.addRow("&Owner", self.owner)
        self.form.addRow("&Review by", self.review_by)
        self.form.addRow("&Notes", self.notes)

    def build(self) -> EvidenceItem:
        if not self.attachment and not self.link.text().strip():
            raise ValueError(
                "Give a link (a web address or a file path), or attach a file instead."
            )
        date, review_by = self.date.value(), self.review_by.value()
        if date and review_by and review_by < date:
            raise ValueError("The review date is before the date of the evidence.")
        values = {
            "title": self.title.text(),
            "kind": self.kind.currentData(),
            "link": "" if self.attachment else self.link.text().strip(),
            "attachment": self.attachment,
            "date": date,
            "owner": self.owner.text().strip(),
            "review_by": review_by,
            "notes": self.notes.toPlainText(),
        }
        return self.make(values)


class EvidencePanel(ItemsPanel):
    field = "evidence"
    noun = "evidence"
    stretch_columns = (0, 2)
    model_type = EvidenceModel

    def add_buttons(self) -> None:
        self.button(
            "Add link…", self.add, tip="Evidence kept elsewhere: a web page or a shared-drive file"
        )
        self.button("Attach file…", self.attach, tip="Carry a copy of a file inside the assessment")
        self.button("Edit…", self.edit_selected)
        self.button("Remove", self.remove_selected)
        self.button("Open", self.open_selected, changes=False)

    def form(self, item: EvidenceItem | None, attachment: str = "") -> EvidenceForm:
        return EvidenceForm(item, attachment, self)

    def attach(self) -> None:
        path = dialogs.ask_attachment_path(self)
        if path is None:
            return
        try:
            if path.stat().st_size > MAX_ATTACHMENT_BYTES:
                raise ValueError(
                    f"it is larger than {MAX_ATTACHMENT_BYTES // 2**20} MB; link to it instead"
                )
            data = path.read_bytes()
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            dialogs.show_error(
                self, "Cannot attach the file", f"{path.name} cannot be attached: {reason}."
            )
            return
        document = self.session.document
        assert document is not None
        # The naming rules live in Document.add_attachment; a scratch copy gives the new
        # set of attachments without touching the open document before the command runs.
        scratch = Document(document.assessment, document.framework, dict(document.attachments))
        name = scratch.add_attachment(path.name, data)
        form = self.form(None, name)
        if form.exec() == form.DialogCode.Accepted:
            self.commit([*self.items(), form.item], "Attach evidence", scratch.attachments)
            self._select(len(self.items()) - 1)

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        items = self.items()
        removed = items.pop(row)
        self.commit(items, "Remove evidence", self._attachments_without(removed))

    def _attachments_without(self, removed: EvidenceItem) -> dict[str, bytes] | None:
        document = self.session.document
        assert document is not None
        if not removed.attachment:
            return None
        still_used = any(
            item.attachment == removed.attachment and item.id != removed.id
            for response in document.assessment.responses.values()
            for item in response.evidence
        )
        if still_used:
            return None
        return {
            name: data for name, data in document.attachments.items() if name != removed.attachment
        }

    def open_selected(self) -> None:
        row = self.selected_row()
        document = self.session.document
        if row is None or document is None:
            return
        item = self.items()[row]
        if item.attachment:
            folder = Path(tempfile.mkdtemp(prefix="selfassess-"))
            target = folder / item.attachment
            target.write_bytes(document.attachments[item.attachment])
            url = QUrl.fromLocalFile(str(target))
        else:
            url = QUrl.fromUserInput(item.link)
        if not QDesktopServices.openUrl(url):
            dialogs.show_error(
                self,
                "Cannot open the evidence",
                f"No program opened {item.link or item.attachment}. Check the link, "
                "or that you can reach the shared drive.",
            )
