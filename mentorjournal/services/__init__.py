"""Use cases of an unlocked journal, for the window and the command line alike.

The threading rule
------------------
One worker thread owns a :class:`~mentorjournal.services.workspace.Workspace`: the thread
that created it (by ``create``, ``unlock``, ``recover`` or ``restore``) makes every call on it
and on the services it hands out (``records``, ``search``, ``dashboard``), ``close`` included.
A call from any other thread raises :class:`~mentorjournal.domain.WrongThread`; in the
window, the GUI thread sends work to the database worker instead of calling in.

What may cross threads:

- the read models the services return (records, search hits, dashboards): they are
  immutable, so the GUI thread may keep and show them;
- a :class:`~mentorjournal.domain.progress.CancelToken`: any thread may set it, the worker
  running the long operation reads it;
- ``Workspace.closed`` and ``Workspace.path``, which hold no key and touch no file.

Nothing else. After ``close()`` every call raises :class:`~mentorjournal.domain.JournalLocked`.
"""
