"""The form for creating or editing a target, validated by the core's own rules as you type.

Each field's problem sits in a small label under it and OK stays disabled while anything is
wrong; there are no pop-ups. Saving runs CreateTarget or an UpdateTarget of only the changed
fields through the bridge. If someone else changed the target meanwhile, a banner names the
fields they changed, their newer values appear under those fields, and the form keeps what the
user typed until they choose "Keep mine" or "Use theirs".
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.commands import Command, CreateTarget, UpdateTarget
from tracker.domain import (
    TARGET_FIELDS,
    ConflictError,
    Direction,
    Kind,
    Target,
    ValidationError,
)
from tracker.gui.bridge import ERRORS, ServiceBridge
from tracker.gui.models.audit import direction_text, kind_text
from tracker.gui.widgets.confirm import (
    ConflictBanner,
    field_error_label,
    show_error,
    their_value_label,
)
from tracker.gui.widgets.date_delegate import make_date_edit, to_qdate
from tracker.io.numbers import NumberFormatError, format_plain, parse_number
from tracker.units import format_quantity

COMMON_UNITS = ("户", "个", "公里", "亿元", "万元", "亿吨", "万方", "%", "天", "位", "项")
# Where a problem that names no field (or an unknown one) is shown.
GENERAL = ""


class TargetEditor(QDialog):
    """Create a target (``target`` None) or edit one; ``saved_target_id`` is set on success."""

    def __init__(self, bridge: ServiceBridge, target: Target | None, categories: list[str],
                 departments: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._creating = target is None
        # The target as the form was filled from it; "changed" means changed from this.
        self._original = target or Target(name="", period_start=bridge.service.today().replace(
            month=1, day=1), period_end=bridge.service.today().replace(month=12, day=31))
        # The version a save must find; moves to the newer row on "Keep mine".
        self._base: Target | None = target
        self._conflict: Target | None = None
        self._touched = False
        self._loading = True  # filling the combos must not count as typing
        self._loaded_tolerance = 0.0  # the spin box's value as loaded, in percent
        self.saved_target_id: int | None = None
        self.setWindowTitle(self.tr("New target") if self._creating else
                            self.tr("Edit target – %1").replace("%1", self._original.name))
        self._build(categories, departments)
        self._load(self._original)

    # -- building -----------------------------------------------------------------------

    def _build(self, categories: list[str], departments: list[str]) -> None:
        self.banner = ConflictBanner(self)
        self.banner.use_theirs.connect(self._use_theirs)
        self.name = QLineEdit(self)
        self.category = _choice(self, sorted(categories))
        self.department = _choice(self, sorted(departments))
        self.unit = _choice(self, [*COMMON_UNITS, self._original.unit])
        self.kind = QComboBox(self)
        for kind in Kind:
            self.kind.addItem(kind_text(kind), kind)
        self.direction = QComboBox(self)
        for direction in Direction:
            self.direction.addItem(direction_text(direction), direction)
        self.baseline = QLineEdit(self)
        self.baseline.setPlaceholderText(self.tr("optional, e.g. 0"))
        self.target_value = QLineEdit(self)
        self.target_value.setPlaceholderText(self.tr("in the unit above, e.g. 95398"))
        self.numbers = {"baseline": self.baseline, "target_value": self.target_value}
        for edit in self.numbers.values():
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.period_start = make_date_edit(self)
        self.period_end = make_date_edit(self)
        self.tolerance = QDoubleSpinBox(self)
        self.tolerance.setRange(0, 100)
        self.tolerance.setDecimals(2)
        self.tolerance.setSuffix(" %")
        self.tolerance.setToolTip(self.tr("How far a target may trail the expected pace before "
                                          "it counts as at risk; twice that and it is behind."))
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        margins = 2 * (self.note.frameWidth() + self.note.document().documentMargin())
        # CJK text falls back to a taller font than fontMetrics() measures: allow for it.
        self.note.setFixedHeight(int(self.note.fontMetrics().lineSpacing() * 5 + margins))
        self.source = QLineEdit(self)
        self.fields: dict[str, QWidget] = {
            "name": self.name, "category": self.category, "department": self.department,
            "unit": self.unit, "kind": self.kind, "direction": self.direction,
            "baseline": self.baseline, "target_value": self.target_value,
            "period_start": self.period_start, "period_end": self.period_end,
            "tolerance": self.tolerance, "note": self.note, "source": self.source,
        }
        self.errors: dict[str, QLabel] = {}
        self.theirs: dict[str, QLabel] = {}
        form = QFormLayout()
        for field, widget in self.fields.items():
            self.errors[field] = field_error_label(self)
            self.theirs[field] = their_value_label(self)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.theirs[field])
            box.addWidget(self.errors[field])
            form.addRow(field_title(field), box)
        self.errors[GENERAL] = field_error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create") if self._creating else self.tr("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.read_only_note = QLabel(self.tr("The database is open read-only; nothing can be "
                                             "saved."), self)
        self.read_only_note.setVisible(self._bridge.service.read_only)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.errors[GENERAL])
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        for signal in (self.name.textChanged, self.category.currentTextChanged,
                       self.department.currentTextChanged, self.unit.currentTextChanged,
                       self.kind.currentIndexChanged, self.direction.currentIndexChanged,
                       self.baseline.textChanged, self.target_value.textChanged,
                       self.period_start.dateChanged, self.period_end.dateChanged,
                       self.tolerance.valueChanged, self.note.textChanged,
                       self.source.textChanged):
            signal.connect(self._edited)

    def _load(self, target: Target) -> None:
        """Fill the form from ``target`` without counting it as the user's typing."""
        self._loading = True
        self.name.setText(target.name)
        self.category.setCurrentText(target.category)
        self.department.setCurrentText(target.department)
        self.unit.setCurrentText(target.unit)
        self.kind.setCurrentIndex(self.kind.findData(target.kind))
        self.direction.setCurrentIndex(self.direction.findData(target.direction))
        for field, edit in self.numbers.items():
            value = getattr(target, field)
            edit.setText("" if value is None else format_plain(value))
        self.period_start.setDate(to_qdate(target.period_start))
        self.period_end.setDate(to_qdate(target.period_end))
        self.tolerance.setValue(target.tolerance * 100)
        self._loaded_tolerance = self.tolerance.value()
        self.note.setPlainText(target.note)
        self.source.setText(target.source)
        self.source.setCursorPosition(0)  # show the start of a long source, not its end
        self._loading = False
        for label in self.theirs.values():
            label.hide()
        self._validate()

    # -- validation ---------------------------------------------------------------------

    def form_target(self) -> tuple[Target | None, dict[str, str]]:
        """The target the form describes (validated by the core) and each field's problem."""
        errors: dict[str, str] = {}
        unit = self.unit.currentText().strip()
        kind = Kind(self.kind.currentData())
        numbers: dict[str, float | None] = {}
        for field, edit in self.numbers.items():
            numbers[field] = None
            if field == "target_value" and kind == Kind.MILESTONE:
                continue  # a milestone's goal is simply "done"
            try:
                numbers[field] = parse_number(edit.text(), unit)
            except NumberFormatError as exc:
                errors[field] = str(exc)
        percent = self.tolerance.value()
        # The spin box rounds; an untouched tolerance must not count as a change.
        tolerance = self._original.tolerance if percent == self._loaded_tolerance else percent / 100
        target = replace(
            self._original,
            name=self.name.text(),
            category=self.category.currentText(),
            department=self.department.currentText(),
            unit=unit,
            kind=kind,
            direction=Direction(self.direction.currentData()),
            period_start=self.period_start.date().toPython(),
            period_end=self.period_end.date().toPython(),
            tolerance=tolerance,
            note=self.note.toPlainText(),
            source=self.source.text(),
            **numbers,
        )
        try:
            valid = target.validated()
        except ValidationError as exc:
            errors.setdefault(exc.field if exc.field in self.fields else GENERAL, str(exc))
            return None, errors
        return (None if errors else valid), errors

    def _edited(self) -> None:
        if not self._loading:
            self._touched = True
            self._validate()

    def _validate(self) -> bool:
        self.target_value.setEnabled(self.kind.currentData() != Kind.MILESTONE)
        target, errors = self.form_target()
        # A fresh form is not scolded before the user has typed anything.
        self._show_errors(errors if self._touched else {})
        self.ok_button.setEnabled(target is not None and not self._bridge.service.read_only)
        return target is not None

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.errors.items():
            show_error(label, errors.get(field, ""))

    # -- saving -------------------------------------------------------------------------

    def accept(self) -> None:
        """Save through the bridge; stay open on a refusal, showing it where it belongs."""
        target, errors = self.form_target()
        if target is None:
            self._touched = True
            self._show_errors(errors)
            return
        command = self._command(target)
        if command is not None:
            try:
                self._bridge.attempt(command)
            except ConflictError as exc:
                self._show_conflict(exc)
                return
            except ERRORS as exc:
                field = getattr(exc, "field", GENERAL)
                self._show_errors({field if field in self.fields else GENERAL: str(exc)})
                return
            self.saved_target_id = self._saved_id(target)
        super().accept()

    def _command(self, target: Target) -> Command | None:
        if self._base is None:  # new, or deleted meanwhile and kept
            return CreateTarget(replace(target, id=None, version=1))
        changes = {f: getattr(target, f) for f in TARGET_FIELDS
                   if getattr(target, f) != getattr(self._original, f)}
        if not changes:
            return None
        assert self._base.id is not None
        return UpdateTarget(self._base.id, changes, self._base.version, self._base.name)

    def _saved_id(self, target: Target) -> int | None:
        if self._base is not None:
            return self._base.id
        rows = [t for t in self._bridge.service.targets() if t.name == target.name]
        return rows[0].id if rows else None

    # -- conflicts ----------------------------------------------------------------------

    def _show_conflict(self, exc: ConflictError) -> None:
        current = exc.current if isinstance(exc.current, Target) else None
        self._conflict = current
        lines = [str(exc)]
        if current is not None:
            changed = [f for f in TARGET_FIELDS
                       if getattr(current, f) != getattr(self._original, f)]
            for field in changed:
                self.theirs[field].setText(self.tr("Now in the database: %1")
                                           .replace("%1", _shown(current, field)))
                self.theirs[field].show()
            names = ", ".join(field_title(f) for f in changed) or "—"
            lines.append(self.tr("Changed there: %1. Your values are kept in the form.")
                         .replace("%1", names))
        else:
            lines.append(self.tr("“Keep mine” creates it again with your values."))
        self.banner.offer("\n".join(lines), self._keep_mine)
        # The refusal proves another program wrote to the file: let the other views catch up.
        self._bridge.poll()

    def _keep_mine(self) -> None:
        self._base = self._conflict
        for label in self.theirs.values():
            label.hide()
        self.accept()

    def _use_theirs(self) -> None:
        if self._conflict is None:
            self.reject()  # it is gone and the user does not want it back
            return
        self._original = self._base = self._conflict
        self._touched = False
        self._load(self._conflict)


def field_title(field: str) -> str:
    """A target field's label in the form, in the interface language."""
    return {
        "name": QCoreApplication.translate("TargetEditor", "Name"),
        "category": QCoreApplication.translate("TargetEditor", "Category"),
        "department": QCoreApplication.translate("TargetEditor", "Department"),
        "unit": QCoreApplication.translate("TargetEditor", "Unit"),
        "kind": QCoreApplication.translate("TargetEditor", "Kind"),
        "direction": QCoreApplication.translate("TargetEditor", "Direction"),
        "baseline": QCoreApplication.translate("TargetEditor", "Baseline"),
        "target_value": QCoreApplication.translate("TargetEditor", "Target value"),
        "period_start": QCoreApplication.translate("TargetEditor", "Period start"),
        "period_end": QCoreApplication.translate("TargetEditor", "Period end"),
        "tolerance": QCoreApplication.translate("TargetEditor", "Tolerance"),
        "note": QCoreApplication.translate("TargetEditor", "Note"),
        "source": QCoreApplication.translate("TargetEditor", "Source"),
    }.get(field, field)


def _choice(parent: QWidget, items: list[str]) -> QComboBox:
    """An editable combo over the existing values that completes any part of what is typed."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(dict.fromkeys(i for i in items if i)))
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    return combo


def _shown(target: Target, field: str) -> str:
    """A field's value as the user reads it."""
    value = getattr(target, field)
    if field in ("baseline", "target_value"):
        return format_quantity(value, target.unit) if value is not None else "—"
    if field == "kind":
        return kind_text(value)
    if field == "direction":
        return direction_text(value)
    if field == "tolerance":
        return f"{value * 100:g}%"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return f"“{value}”"
