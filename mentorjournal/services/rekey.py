"""Change the passphrase, and re-key: a fresh data key for the database, attachments and backups.

Changing the passphrase rewraps the data key in one atomic write of ``journal.key``: that
write is the switch. Automatic backups carry no key file of their own (see
:mod:`mentorjournal.services.backups`); copies left in backups by earlier versions are taken
out *before* the switch, so an interruption at any point leaves nothing that the old
passphrase opens once the new one is set.

A re-key goes further: a leaked old passphrase together with an old copy of ``journal.key``
opens nothing afterwards, and the old recovery key neither. Protocol (the on-disk part, and
how a half-done re-key is finished or discarded at the next unlock, is written down in
:mod:`mentorjournal.store.rekey`):

1. ``R/.rekey/`` is made fresh. A new data key and a new recovery key are drawn.
2. Staged in it, each step checking the cancel token and reporting progress: the database
   (a checked snapshot, then ``PRAGMA rekey``), every attachment sealed again, every
   automatic backup re-encrypted (unreadable ones listed in ``discard``), then
   ``journal.key`` for the new key, the new passphrase and the new recovery key. All fsynced.
3. The switch: one rename of ``R/.rekey`` to ``R/.rekey-ready``. Up to here a cancel or a
   crash leaves the journal exactly as it was (the staging is removed now, or at the next
   unlock). From here on the re-key is done: the cancel token is no longer looked at.
4. The journal's connections are closed and the staged files moved into place
   (roll-forward, repeated at the next unlock if this process dies). The journal is then
   closed: it opens again with the new passphrase only.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from mentorjournal import crypto
from mentorjournal.domain import (
    BackupInvalid,
    CancelToken,
    JournalDamaged,
    MentorJournalError,
    NewerJournalFormat,
    Progress,
    no_progress,
)
from mentorjournal.export import backup_archive
from mentorjournal.services.backups import (
    BLOBS,
    DB,
    KEY,
    automatic_backups,
    blob_files,
    is_journal_file,
    keep_times,
    strip_legacy_keys,
)
from mentorjournal.store import blobs as blob_format
from mentorjournal.store import keyfile
from mentorjournal.store import rekey as rekey_store
from mentorjournal.store.files import atomic_write, read_file
from mentorjournal.store.journal import OpenJournal
from mentorjournal.store.rekey import reached


def change_passphrase(
    journal: OpenJournal,
    new_passphrase: str,
    params: crypto.KdfParams,
    *,
    cancel: CancelToken | None = None,
) -> None:
    """Rewrap the data key under a new passphrase; the database is not re-encrypted."""
    strip_legacy_keys(journal, cancel)
    reached("passwd:prepared")
    if cancel is not None:
        cancel.raise_if_cancelled()
    journal.change_passphrase(new_passphrase, params)  # the switch: one atomic write
    reached("passwd:switched")


def rekey(
    journal: OpenJournal,
    new_passphrase: str,
    params: crypto.KdfParams,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> str:
    """Re-encrypt everything under a fresh data key; return the new recovery key (show once).

    Once the re-key has happened the journal is closed: it opens with the new passphrase
    only. Before the switch, a failure or a cancellation leaves it open and as it was.
    """
    root = journal.paths.root
    try:
        staging = _stage(journal, new_passphrase, params, progress, cancel)
    except BaseException:  # a cancel, an error or Ctrl-C before the switch: nothing changed
        shutil.rmtree(root / rekey_store.STAGING, ignore_errors=True)
        raise
    recovery_text, total = staging
    try:
        rekey_store.switch(root)
        reached("rekey:switched")
        journal.engine.dispose()  # no connection may keep the old database's WAL alive
        # The re-key has happened (the recovery key returned is the valid one); moves left
        # undone are finished by the next unlock, which reports any lasting trouble.
        with contextlib.suppress(OSError):
            rekey_store.roll_forward(root)
    finally:
        journal.close()
    progress(total, total)
    return recovery_text


def _stage(
    journal: OpenJournal,
    new_passphrase: str,
    params: crypto.KdfParams,
    progress: Progress,
    cancel: CancelToken | None,
) -> tuple[str, int]:
    """Build ``R/.rekey`` completely (step 2); return the new recovery key and the step count."""
    paths = journal.paths
    blobs = blob_files(paths.blobs)
    backups = automatic_backups(paths.backups)
    total = 3 + len(blobs) + len(backups)
    done = 0

    def step(name: str) -> None:
        nonlocal done
        done += 1
        progress(done, total)
        reached(name)
        if cancel is not None:
            cancel.raise_if_cancelled()

    staging = rekey_store.begin(paths.root)
    new_key = crypto.random_key()
    recovery_secret, recovery_text = crypto.new_recovery_key()
    old_blob_key = journal.subkey(blob_format._PURPOSE)
    new_blob_key = crypto.subkey(new_key, blob_format._PURPOSE)

    journal.snapshot_database(staging / DB)
    journal.reencrypt_database(staging / DB, new_key)
    step("rekey:staged-database")
    for path in blobs:
        _reseal(path, staging / BLOBS / path.name, old_blob_key, new_blob_key)
        step("rekey:staged-blobs")
    unreadable: list[str] = []
    for path in backups:
        if not _reencrypt_backup(journal, path, staging, new_key, old_blob_key, new_blob_key):
            unreadable.append(path.name)
        step("rekey:staged-backups")
    atomic_write(staging / rekey_store.DISCARD, "".join(f"{n}\n" for n in unreadable).encode())
    key_file = keyfile.new_key_file(new_key, new_passphrase, recovery_secret, params)
    keyfile.save(key_file, staging / KEY)
    step("rekey:staged-key")
    return recovery_text, total


def _reseal(source: Path, target: Path, old_key: bytes, new_key: bytes) -> None:
    """One attachment, decrypted with the old attachment key and sealed with the new one."""
    data = read_file(source, part="attachment")
    magic = blob_format._MAGIC
    aad = source.name.encode("ascii")
    if not data.startswith(magic):
        raise JournalDamaged(source, "attachment")
    try:
        plain = crypto.open_sealed(old_key, data[len(magic) :], aad)
    except MentorJournalError:
        raise JournalDamaged(source, "attachment") from None
    atomic_write(target, magic + crypto.seal(new_key, plain, aad))


def _reencrypt_backup(
    journal: OpenJournal,
    backup: Path,
    staging: Path,
    new_key: bytes,
    old_blob_key: bytes,
    new_blob_key: bytes,
) -> bool:
    """Stage ``backup`` re-encrypted under the new key, without a key file; False if unreadable."""
    work = staging / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(mode=0o700)
    try:
        try:
            entries = backup_archive.unpack(backup, work, accept=is_journal_file)
            names = [entry.name for entry in entries if entry.name != KEY]
            if DB not in names:
                raise BackupInvalid(backup)
            journal.reencrypt_database(work / DB, new_key)
            for name in names:
                if name.startswith(f"{BLOBS}/"):
                    _reseal(work / name, work / name, old_blob_key, new_blob_key)
        except (BackupInvalid, JournalDamaged, NewerJournalFormat):
            return False  # unreadable under the old key: nothing could open it afterwards
        staged = staging / "backups" / backup.name
        backup_archive.pack([(name, work / name) for name in names], staged)
        keep_times(backup, staged)
        return True
    finally:
        shutil.rmtree(work, ignore_errors=True)
