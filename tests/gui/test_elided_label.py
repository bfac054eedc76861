"""The one-line label that shortens file names in the middle."""

from __future__ import annotations

from desktop_app.gui.elided_label import ElidedLabel


def test_a_long_file_name_is_shortened_in_the_middle(qtbot):
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.resize(220, 30)
    name = "Reading " + "very-long-name-" * 20 + "end.html"
    label.set_full_text(name)
    shown = label.text()
    assert "…" in shown
    assert shown.startswith("Reading")
    assert shown.endswith("end.html")
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.full_text == name
