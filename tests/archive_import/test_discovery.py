"""Every path a user names is accounted for: read, skipped with a reason, or failed."""

from __future__ import annotations

from pathlib import Path

from archive_import import Found, Passed, discover
from tests.pages import write_page


def _names(items: list[Found | Passed]) -> list[str]:
    return [item.path.name for item in items]


def test_folder_is_walked_recursively_in_stable_order(tmp_path: Path) -> None:
    write_page(tmp_path, "b.html", "B", "Bees")
    write_page(tmp_path / "sub" / "deeper", "a.htm", "A", "Ants")
    (tmp_path / "notes.txt").write_text("Title\n\nBody text.", encoding="utf-8")
    items = list(discover([tmp_path]))
    assert _names(items) == ["b.html", "notes.txt", "a.htm"]
    assert all(isinstance(item, Found) for item in items)
    assert [i.format for i in items if isinstance(i, Found)] == ["html", "text", "html"]


def test_hidden_files_and_saved_resource_folders_are_left_out(tmp_path: Path) -> None:
    write_page(tmp_path, "page.html", "Page", "Pages")
    write_page(tmp_path / "page_files", "frame.html", "Frame", "Frames")
    write_page(tmp_path / ".cache", "hidden.html", "Hidden", "Hiding")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    assert _names(list(discover([tmp_path]))) == ["page.html"]


def test_a_files_folder_without_its_page_is_walked(tmp_path: Path) -> None:
    write_page(tmp_path / "orphan_files", "inner.html", "Inner", "Inner pages")
    assert _names(list(discover([tmp_path]))) == ["inner.html"]


def test_missing_path_fails_with_its_name(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.html"
    [item] = discover([missing])
    assert isinstance(item, Passed)
    assert item.failed
    assert item.path == missing
    assert "no such file" in item.reason


def test_unknown_file_in_a_folder_is_skipped_but_named_one_fails(tmp_path: Path) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    [in_folder] = discover([tmp_path])
    [named] = discover([image])
    assert isinstance(in_folder, Passed)
    assert not in_folder.failed
    assert ".png" in in_folder.reason
    assert isinstance(named, Passed)
    assert named.failed


def test_html_is_recognised_by_content_without_an_extension(tmp_path: Path) -> None:
    page = write_page(tmp_path, "download", "Saved", "Saving pages")
    [item] = discover([page])
    assert isinstance(item, Found)
    assert item.format == "html"


def test_binary_file_named_txt_is_not_text(tmp_path: Path) -> None:
    fake = tmp_path / "fake.txt"
    fake.write_bytes(b"\x00\x01\x02binary")
    [item] = discover([fake])
    assert isinstance(item, Passed)
