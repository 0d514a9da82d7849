"""The backup container on its own: round trip, damage, hostile names, newer versions."""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorjournal.domain import BackupInvalid, NewerBackupFormat
from mentorjournal.export import backup_archive
from mentorjournal.export.backup_archive import ArchiveEntry
from tests.conftest import files_under
from tests.sample_journal import corrupt


def _sources(folder: Path) -> list[tuple[str, Path]]:
    folder.mkdir()
    contents = {"journal.db": b"\x00\x01" * 300, "journal.key": b"k" * 202, "empty": b""}
    contents["blobs/0b7f1a52-7a0e-4a43-9d55-0b6a3fd8a0d1"] = bytes(range(256))
    entries = []
    for index, (name, data) in enumerate(contents.items()):
        source = folder / f"source-{index}"
        source.write_bytes(data)
        entries.append((name, source))
    return entries


def _raw_archive(entries: list[tuple[str, bytes]], version: int = 1) -> bytes:
    """An archive built from the format as documented, independently of the module."""
    body = b"MJBACKUP" + struct.pack(">HHI", version, 0, len(entries))
    for name, data in entries:
        encoded = name.encode("utf-8")
        body += struct.pack(">H", len(encoded)) + encoded + struct.pack(">Q", len(data))
        body += data + hashlib.sha256(data).digest()
    body += b"MJBK-END"
    return body + hashlib.sha256(body).digest()


def _positions(size: int) -> list[int]:
    """Every offset in the header and the trailer, and a stride through the rest."""
    return sorted({*range(64), *range(64, size - 80, 11), *range(size - 80, size)})


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    out = tmp_path / "backup.mjbackup"
    backup_archive.pack(_sources(tmp_path / "sources"), out)
    return out


def test_round_trip_gives_back_every_file(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.mkdir()

    entries = backup_archive.unpack(archive, target)

    sources = dict(_sources(tmp_path / "again"))
    assert [entry.name for entry in entries] == list(sources)
    for name, source in sources.items():
        assert (target / name).read_bytes() == source.read_bytes()
    assert backup_archive.inspect(archive) == entries
    assert ArchiveEntry("journal.key", 202) in entries


def test_the_documented_format_is_what_is_written(archive: Path, tmp_path: Path) -> None:
    sources = _sources(tmp_path / "again")
    assert archive.read_bytes() == _raw_archive([(n, p.read_bytes()) for n, p in sources])


def test_truncation_anywhere_is_refused_and_leaves_nothing(archive: Path, tmp_path: Path) -> None:
    data = archive.read_bytes()
    target = tmp_path / "target"
    target.mkdir()
    for length in _positions(len(data)):
        archive.write_bytes(data[:length])
        with pytest.raises(BackupInvalid):
            backup_archive.unpack(archive, target)
        assert not any(target.iterdir()), length


def test_a_flipped_byte_anywhere_is_refused_and_leaves_nothing(
    archive: Path, tmp_path: Path
) -> None:
    data = archive.read_bytes()
    target = tmp_path / "target"
    target.mkdir()
    for offset in _positions(len(data)):
        archive.write_bytes(data)
        corrupt(archive, offset)
        # A flipped version byte reads as damage, never as "made by a newer version".
        with pytest.raises(BackupInvalid):
            backup_archive.unpack(archive, target)
        assert not any(target.iterdir()), offset


def test_trailing_bytes_and_foreign_files_are_refused(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.mkdir()
    archive.write_bytes(archive.read_bytes() + b"\x00")
    foreign = tmp_path / "foreign"
    for content in (b"", b"SQLite format 3\x00" + bytes(4080), b"MJBACKUP"):
        foreign.write_bytes(content)
        with pytest.raises(BackupInvalid):
            backup_archive.inspect(foreign)
    with pytest.raises(BackupInvalid):
        backup_archive.unpack(archive, target)
    assert not any(target.iterdir())


def test_a_newer_format_is_refused_as_newer(tmp_path: Path) -> None:
    newer = tmp_path / "newer.mjbackup"
    newer.write_bytes(_raw_archive([("journal.key", b"k")], version=7))
    target = tmp_path / "target"
    target.mkdir()

    with pytest.raises(NewerBackupFormat) as raised:
        backup_archive.unpack(newer, target)

    assert (raised.value.found, raised.value.supported) == (7, 1)
    assert not any(target.iterdir())


@pytest.mark.parametrize(
    "name",
    [
        "../outside",
        "blobs/../../outside",
        "/etc/outside",
        "C:outside",
        "blobs\\..\\outside",
        ".hidden",
        "blobs/.",
        "a//b",
        "trailing.",
        "CON",
        "nul.txt",
        "",
        "a/b/c/d/e",
        "x" * 300,
        "zażółć",
    ],
)
def test_names_other_than_plain_relative_paths_are_refused(name: str, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.mjbackup"
    hostile.write_bytes(_raw_archive([("journal.key", b"k"), (name, b"payload")]))
    target = tmp_path / "a" / "target"
    target.mkdir(parents=True)
    source = tmp_path / "source"
    source.write_bytes(b"payload")

    with pytest.raises(BackupInvalid):
        backup_archive.unpack(hostile, target)
    with pytest.raises(ValueError, match="names"):
        backup_archive.pack([(name, source)], tmp_path / "never.mjbackup")

    assert set(files_under(tmp_path)) == {hostile, source}


def test_duplicate_and_unaccepted_names_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.mkdir()
    duplicate = tmp_path / "duplicate.mjbackup"
    duplicate.write_bytes(_raw_archive([("journal.key", b"a"), ("JOURNAL.KEY", b"b")]))
    with pytest.raises(BackupInvalid):
        backup_archive.unpack(duplicate, target)
    plain = tmp_path / "plain.mjbackup"
    plain.write_bytes(_raw_archive([("journal.key", b"a"), ("notes.txt", b"b")]))
    with pytest.raises(BackupInvalid):
        backup_archive.unpack(plain, target, accept=lambda name: name == "journal.key")
    assert not any(target.iterdir())


def test_a_huge_claimed_size_is_refused_before_writing(tmp_path: Path) -> None:
    crafted = tmp_path / "crafted.mjbackup"
    body = b"MJBACKUP" + struct.pack(">HHI", 1, 0, 1)
    body += struct.pack(">H", 11) + b"journal.key" + struct.pack(">Q", 2**62) + b"x" * 100
    crafted.write_bytes(body)
    target = tmp_path / "target"
    target.mkdir()
    with pytest.raises(BackupInvalid):
        backup_archive.unpack(crafted, target)
    assert not any(target.iterdir())


def test_a_failed_pack_keeps_the_earlier_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "out" / "backup.mjbackup"
    out.parent.mkdir()
    out.write_bytes(b"the earlier backup")
    sources = _sources(tmp_path / "sources")
    sources.append(("missing", tmp_path / "sources" / "does-not-exist"))

    with pytest.raises(FileNotFoundError):
        backup_archive.pack(sources, out)

    assert out.read_bytes() == b"the earlier backup"
    assert list(out.parent.iterdir()) == [out]


@given(st.text(max_size=40))
def test_any_accepted_name_stays_inside_the_target(name: str) -> None:
    if backup_archive.is_safe_name(name):
        root = Path("/srv/target")
        joined = root.joinpath(*name.split("/"))
        assert joined.resolve().is_relative_to(root)
        assert ".." not in joined.parts
        assert not Path(name).is_absolute()
