"""Property: whatever order files arrive in, duplicated, lost for a while or copied by the
sync tool, the reader hands over each device's changes once each, in that device's order,
and all of them once every file has arrived."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorjournal.sync.folder_layout import FolderLayout
from mentorjournal.sync.folder_reader import Accepted, SpaceView, read_new
from tests.sync.folder_space import NOW_MS, Space

# One round of delivery: for each file (by its index), whether it is there in this round,
# and whether the sync tool also left a conflicted copy of it.
rounds = st.lists(
    st.lists(st.tuples(st.booleans(), st.booleans()), min_size=9, max_size=9), max_size=6
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=st.lists(st.integers(1, 3), min_size=3, max_size=3), delivery=rounds)
def test_changes_come_once_each_in_order_whatever_the_delivery(
    counts: list[int], delivery: list[list[tuple[bool, bool]]]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        space = Space(root / "written")
        files: list[tuple[str, Path]] = []
        for number, count in enumerate(counts):
            writer = space.add_member(f"device {number}")
            for seq in range(count):
                path = space.write(writer, f"{number}:{seq}".encode())
                files.append((writer.device.device_id, path))
        seen = root / "seen"
        view = SpaceView(
            FolderLayout(seen), space.space_id, space.me.device_id, space.members, space.keys
        )
        accepted: dict[str, Accepted] = {}
        applied: dict[str, list[bytes]] = {}

        def deliver(present: list[tuple[bool, bool]]) -> None:
            shutil.rmtree(seen, ignore_errors=True)
            for (_, path), (there, copied) in zip(files, present, strict=False):
                target = seen / path.relative_to(space.root)
                target.parent.mkdir(parents=True, exist_ok=True)
                if there:
                    shutil.copyfile(path, target)
                if copied:
                    shutil.copyfile(path, target.with_name(target.stem + " (1).mjc"))
            for change in read_new(view, accepted, NOW_MS).changes:
                applied.setdefault(change.device_id, []).append(change.payload)
                accepted[change.device_id] = Accepted(change.seq, change.digest)

        for present in delivery:
            deliver(present)
        deliver([(True, False)] * len(files))

        for number, (device, writer) in enumerate(space.writers.items()):
            expected = [f"{number}:{seq}".encode() for seq in range(writer.seq)]
            assert applied.get(device, []) == expected
