"""The texts of the command line: each key with its English and its Polish wording.

Placeholders use ``str.format`` names. No text here may ever contain a passphrase, a key or
the content of a record.
"""

from __future__ import annotations

from mentorjournal.domain import RecordKind

# key: (English, Polish). Placeholders use str.format names.
TEXTS: dict[str, tuple[str, str]] = {
    # -- errors about the journal --------------------------------------------------------
    "error.wrong_passphrase": (
        "Wrong passphrase; the journal stays locked. If you forgot it, use "
        "`mentorjournal recover` with your recovery key.",
        "Błędne hasło; dziennik pozostaje zamknięty. Jeśli go nie pamiętasz, użyj "
        "`mentorjournal recover` z kluczem odzyskiwania.",
    ),
    "error.invalid_recovery_key": (
        "The recovery key is mistyped: compare each group of four characters with your copy.",
        "Klucz odzyskiwania zawiera literówkę: porównaj każdą grupę czterech znaków z zapisem.",
    ),
    "error.wrong_recovery_key": (
        "This recovery key does not belong to this journal.",
        "Ten klucz odzyskiwania nie należy do tego dziennika.",
    ),
    "error.journal_in_use": (
        "The journal {path} is open in another MentorJournal window or command; "
        "close it and try again.",
        "Dziennik {path} jest otwarty w innym oknie lub poleceniu MentorJournal; "
        "zamknij je i spróbuj ponownie.",
    ),
    "error.journal_not_found": (
        "There is no journal in {path}; create one with `mentorjournal init` or point "
        "--journal at an existing one.",
        "W {path} nie ma dziennika; utwórz go poleceniem `mentorjournal init` albo wskaż "
        "istniejący opcją --journal.",
    ),
    "error.journal_exists": (
        "There is already a journal in {path}; choose another folder.",
        "W {path} jest już dziennik; wybierz inny folder.",
    ),
    "error.init_folder_not_empty": (
        "{path} is not an empty folder; a new journal needs a new or empty folder.",
        "{path} nie jest pustym folderem; nowy dziennik potrzebuje nowego albo pustego folderu.",
    ),
    "error.record_not_found": (
        "No record has the id “{id}” (give the whole id or at least its first 4 characters).",
        "Żaden rekord nie ma identyfikatora „{id}” (podaj cały identyfikator albo co "
        "najmniej 4 pierwsze znaki).",
    ),
    "error.damaged.key": (
        "The key file {path} is damaged or truncated; restore the journal from a backup.",
        "Plik klucza {path} jest uszkodzony lub obcięty; przywróć dziennik z kopii zapasowej.",
    ),
    "error.damaged.database": (
        "The journal database {path} is damaged; restore the journal from a backup.",
        "Baza dziennika {path} jest uszkodzona; przywróć dziennik z kopii zapasowej.",
    ),
    "error.damaged.attachment": (
        "The attachment file {path} is damaged or missing.",
        "Plik załącznika {path} jest uszkodzony albo go brakuje.",
    ),
    "error.damaged.other": (
        "Part of the journal ({path}) is damaged; restore the journal from a backup.",
        "Część dziennika ({path}) jest uszkodzona; przywróć dziennik z kopii zapasowej.",
    ),
    "error.decryption_failed": (
        "Part of the journal could not be decrypted: it was altered or damaged.",
        "Części dziennika nie da się odszyfrować: została zmieniona albo uszkodzona.",
    ),
    "error.journal_unsound": (
        "The journal {path} failed its check ({count} problems listed above); "
        "restore it from a backup.",
        "Dziennik {path} nie przeszedł kontroli (problemy wypisane wyżej: {count}); "
        "przywróć go z kopii zapasowej.",
    ),
    "error.newer_format": (
        "This journal was written by a newer MentorJournal (format {found}; this version "
        "reads up to {supported}); update MentorJournal to open it.",
        "Ten dziennik zapisała nowsza wersja MentorJournal (format {found}; ta wersja czyta "
        "do {supported}); zaktualizuj MentorJournal, aby go otworzyć.",
    ),
    "error.newer_backup_format": (
        "This backup was written by a newer MentorJournal (format {found}; this version "
        "reads up to {supported}); update MentorJournal to restore it.",
        "Tę kopię zapasową zapisała nowsza wersja MentorJournal (format {found}; ta wersja "
        "czyta do {supported}); zaktualizuj MentorJournal, aby ją przywrócić.",
    ),
    "error.folder_not_empty": (
        "{path} is not empty; restore into a new or empty folder.",
        "{path} nie jest pusty; przywróć kopię do nowego albo pustego folderu.",
    ),
    "error.read_only": (
        "Cannot write to {path}: it is read-only. Nothing was changed.",
        "Nie można zapisać w {path}: jest tylko do odczytu. Nic nie zostało zmienione.",
    ),
    "error.disk_full": (
        "The disk holding {path} is full. Nothing was changed; free some space and try again.",
        "Dysk z {path} jest pełny. Nic nie zostało zmienione; zwolnij miejsce i spróbuj ponownie.",
    ),
    "error.migration_failed": (
        "Upgrading the journal to format {version} failed; the journal was left as it was.",
        "Aktualizacja dziennika do formatu {version} nie powiodła się; dziennik pozostał "
        "bez zmian.",
    ),
    "error.backup_invalid": (
        "{path} is not a MentorJournal backup, or it is damaged.",
        "{path} nie jest kopią zapasową MentorJournal albo jest uszkodzony.",
    ),
    "error.core_other": (
        "The operation failed ({name}).",
        "Operacja nie powiodła się ({name}).",
    ),
    "error.unexpected": (
        "Unexpected internal error ({name}); please report it. "
        "Set MENTORJOURNAL_DEBUG=1 to see the details.",
        "Nieoczekiwany błąd wewnętrzny ({name}); prosimy o zgłoszenie. "
        "Ustaw MENTORJOURNAL_DEBUG=1, aby zobaczyć szczegóły.",
    ),
    "error.interrupted": ("Interrupted.", "Przerwano."),
    # -- errors about how the command was called ------------------------------------------
    "error.usage": (
        "{detail} (see `{prog} --help`)",
        "Błędne wywołanie: {detail} (zobacz `{prog} --help`)",
    ),
    "error.passphrase_needed": (
        "A passphrase is needed: set {variable} or run the command in a terminal to be asked.",
        "Potrzebne jest hasło: ustaw {variable} albo uruchom polecenie w terminalu, aby o nie "
        "zapytało.",
    ),
    "error.recovery_key_needed": (
        "A recovery key is needed: give --recovery-key KEY (or @FILE) or run the command in "
        "a terminal to be asked.",
        "Potrzebny jest klucz odzyskiwania: podaj --recovery-key KLUCZ (albo @PLIK) lub "
        "uruchom polecenie w terminalu, aby o niego zapytało.",
    ),
    "error.passphrases_differ": (
        "The two passphrases differ; nothing was changed.",
        "Podane hasła się różnią; nic nie zostało zmienione.",
    ),
    "error.empty_passphrase": (
        "An empty passphrase is not allowed; choose a long one.",
        "Puste hasło jest niedozwolone; wybierz długie.",
    ),
    "error.input_not_found": (
        "Cannot read {path}: there is no such file.",
        "Nie można odczytać {path}: nie ma takiego pliku.",
    ),
    "error.input_not_utf8": (
        "{path} is not UTF-8 text.",
        "{path} nie jest tekstem w UTF-8.",
    ),
    "error.input_unreadable": (
        "Cannot read {path}.",
        "Nie można odczytać {path}.",
    ),
    "error.stdin_twice": (
        "Standard input (@-) can be read only once per command.",
        "Standardowe wejście (@-) można odczytać tylko raz w jednym poleceniu.",
    ),
    "error.output_exists": (
        "{path} already exists; choose another name or add --force.",
        "{path} już istnieje; wybierz inną nazwę albo dodaj --force.",
    ),
    "error.output_unwritable": (
        "Cannot write {path}.",
        "Nie można zapisać {path}.",
    ),
    "error.history_not_found": (
        "{field} of {id} has no earlier value number {number}; "
        "`mentorjournal history {id} {field}` lists them.",
        "Pole {field} rekordu {id} nie ma wcześniejszej wartości o numerze {number}; "
        "wypisze je `mentorjournal history {id} {field}`.",
    ),
    "error.no_attachment": (
        "The material {id} has no attached file.",
        "Materiał {id} nie ma załączonego pliku.",
    ),
    "error.bad_assignment": (
        "Expected FIELD=VALUE, got “{text}”.",
        "Oczekiwano POLE=WARTOŚĆ, podano „{text}”.",
    ),
    # -- invalid values (InvalidValue.reason) ---------------------------------------------
    "reason.required": ("{field} is required.", "{field} jest wymagane."),
    "reason.not_allowed": (
        "{field} must be one of: {allowed}.",
        "{field} musi mieć jedną z wartości: {allowed}.",
    ),
    "reason.not_a_date": (
        "{field} must be a date like 2026-11-23 (ISO 8601).",
        "{field} musi być datą w postaci 2026-11-23 (ISO 8601).",
    ),
    "reason.not_a_datetime": (
        "{field} must be a date and time like 2026-11-23T18:30 (ISO 8601).",
        "{field} musi być datą i godziną w postaci 2026-11-23T18:30 (ISO 8601).",
    ),
    "reason.not_a_number": (
        "{field} must be a whole number.",
        "{field} musi być liczbą całkowitą.",
    ),
    "reason.out_of_range": (
        "{field} must be between {minimum} and {maximum}.",
        "{field} musi mieścić się między {minimum} a {maximum}.",
    ),
    "reason.too_long": ("{field} is too long.", "{field} jest za długie."),
    "reason.not_text": ("{field} must be text.", "{field} musi być tekstem."),
    "reason.unknown_field": (
        "{field} is not a field of this record.",
        "{field} nie jest polem tego rekordu.",
    ),
    "reason.unknown_field_allowed": (
        "{field} is not a field of this record; fields you can set: {allowed}.",
        "{field} nie jest polem tego rekordu; pola, które można ustawić: {allowed}.",
    ),
    "reason.not_settable": ("{field} cannot be changed.", "{field} nie może być zmieniane."),
    "reason.other_relationship": (
        "{field} points to a record of another relationship.",
        "{field} wskazuje rekord z innej relacji.",
    ),
    "reason.in_trash": (
        "{field} points to a record in the trash; undelete it first.",
        "{field} wskazuje rekord w koszu; najpierw go przywróć (undelete).",
    ),
    "reason.not_a_kind": (
        "{field} must be the id of a {kind} record.",
        "{field} musi być identyfikatorem rekordu typu „{kind}”.",
    ),
    "reason.agreement_exists": (
        "This relationship already has an agreement; change it with `mentorjournal set`.",
        "Ta relacja ma już umowę; zmień ją poleceniem `mentorjournal set`.",
    ),
    "reason.entry_always_private": (
        "Diary entries are always private.",
        "Wpisy w dzienniku są zawsze prywatne.",
    ),
    "reason.ambiguous": (
        "That id prefix matches several records; give more characters.",
        "Ten początek identyfikatora pasuje do kilku rekordów; podaj więcej znaków.",
    ),
    "reason.no_history": (
        "{field} keeps no history; fields with history: {allowed}.",
        "{field} nie ma historii; pola z historią: {allowed}.",
    ),
    "reason.other": ("{field} has an invalid value.", "{field} ma nieprawidłową wartość."),
    # -- results ------------------------------------------------------------------------
    "init.created": ("Created a new journal in {path}.", "Utworzono nowy dziennik w {path}."),
    "init.recovery_key_heading": (
        "Your recovery key (shown only this once):",
        "Twój klucz odzyskiwania (pokazywany tylko ten jeden raz):",
    ),
    "init.recovery_key_advice": (
        "Write it down or print it now and keep it offline, away from this computer. It is "
        "the only way into the journal if you forget your passphrase; nobody can recreate it.",
        "Zapisz go albo wydrukuj teraz i przechowuj poza komputerem. To jedyna droga do "
        "dziennika, gdy zapomnisz hasła; nikt nie potrafi go odtworzyć.",
    ),
    "init.synced_folder": (
        "Warning: {tool} seems to sync {path}. A journal copied while it is written gets "
        "corrupted; keep it outside synced folders and share relationships through sync.",
        "Uwaga: {tool} chyba synchronizuje {path}. Dziennik kopiowany w trakcie zapisu ulega "
        "uszkodzeniu; trzymaj go poza synchronizowanymi folderami.",
    ),
    "passwd.changed": (
        "Passphrase changed. Your recovery key stays the same.",
        "Hasło zostało zmienione. Klucz odzyskiwania pozostaje ten sam.",
    ),
    "recover.done": (
        "Journal recovered: the new passphrase is set. Your recovery key stays the same.",
        "Dziennik odzyskany: ustawiono nowe hasło. Klucz odzyskiwania pozostaje ten sam.",
    ),
    "verify.sound": (
        "The journal {path} is sound.",
        "Dziennik {path} jest w dobrym stanie.",
    ),
    "backup.written": (
        "Encrypted backup written to {path}.",
        "Zaszyfrowaną kopię zapasową zapisano w {path}.",
    ),
    "restore.done": (
        "Backup restored into a new journal in {path}.",
        "Kopię zapasową przywrócono do nowego dziennika w {path}.",
    ),
    "attachment.saved": (
        "Saved the attachment “{name}” to {path}.",
        "Zapisano załącznik „{name}” w {path}.",
    ),
    "record.updated": ("Updated {id}.", "Zaktualizowano {id}."),
    "record.deleted": (
        "Moved {id} to the trash (`mentorjournal undelete {id}` brings it back).",
        "Przeniesiono {id} do kosza (`mentorjournal undelete {id}` przywraca).",
    ),
    "record.undeleted": ("Restored {id} from the trash.", "Przywrócono {id} z kosza."),
    "record.signed": (
        "Agreement {id} signed by {name}.",
        "Umowę {id} podpisał(a): {name}.",
    ),
    "history.restored": (
        "Restored an earlier {field} of {id}.",
        "Przywrócono wcześniejszą wartość pola {field} rekordu {id}.",
    ),
    "list.empty": ("No records.", "Brak rekordów."),
    "search.none": ("Nothing found.", "Nic nie znaleziono."),
    "history.none": (
        "{field} has no earlier values.",
        "Pole {field} nie ma wcześniejszych wartości.",
    ),
    "dashboard.none": (
        "No relationships yet; add one with `mentorjournal add relationship`.",
        "Nie ma jeszcze relacji; dodaj ją poleceniem `mentorjournal add relationship`.",
    ),
    "dashboard.stage": ("stage", "etap"),
    "dashboard.last_session": ("last session", "ostatnie spotkanie"),
    "dashboard.days_since": ("days since", "dni od niego"),
    "dashboard.none_yet": ("none yet", "jeszcze nie było"),
    "dashboard.interval": ("meeting interval (days)", "odstęp między spotkaniami (dni)"),
    "dashboard.overdue": ("OVERDUE: time to meet", "ZALEGŁE: czas się spotkać"),
    "dashboard.next_session": ("next session", "następne spotkanie"),
    "dashboard.none_planned": ("none planned", "nie zaplanowano"),
    "dashboard.homework": (
        "homework: {open} open, {overdue} overdue",
        "zadania domowe: otwarte {open}, po terminie {overdue}",
    ),
    "dashboard.agreement": ("agreement signed by", "umowę podpisali"),
    "dashboard.not_signed": ("nobody yet", "jeszcze nikt"),
    "dashboard.goals": ("goals", "cele"),
    "dashboard.no_goals": ("none", "brak"),
    # -- prompts ------------------------------------------------------------------------
    "prompt.passphrase": ("Passphrase: ", "Hasło: "),
    "prompt.choose": (
        "Choose a passphrase for the new journal: ",
        "Wybierz hasło do nowego dziennika: ",
    ),
    "prompt.new_passphrase": ("New passphrase: ", "Nowe hasło: "),
    "prompt.repeat": ("Repeat it: ", "Powtórz je: "),
    "prompt.recovery_key": ("Recovery key: ", "Klucz odzyskiwania: "),
    # -- the demonstration ----------------------------------------------------------------
    "demo.intro": (
        "MentorJournal demonstration: the desktop window is not there yet, so here is a "
        "sample journal built in a temporary folder ({path}).",
        "Pokaz MentorJournal: okna aplikacji jeszcze nie ma, więc oto przykładowy dziennik "
        "zbudowany w folderze tymczasowym ({path}).",
    ),
    "demo.dashboard": ("Dashboard", "Przegląd"),
    "demo.search": (
        "Search for “{query}” (case and Polish letters are ignored)",
        "Wyszukiwanie „{query}” (wielkość liter i polskie znaki nie mają znaczenia)",
    ),
    "demo.removed": (
        "The sample journal was deleted. Run `mentorjournal --help` to use a real one.",
        "Przykładowy dziennik został usunięty. Uruchom `mentorjournal --help`, aby "
        "korzystać z prawdziwego.",
    ),
}

KIND_NAMES: dict[RecordKind, tuple[str, str]] = {
    RecordKind.RELATIONSHIP: ("relationship", "relacja"),
    RecordKind.AGREEMENT: ("agreement", "umowa"),
    RecordKind.GOAL: ("goal", "cel"),
    RecordKind.SESSION: ("session", "spotkanie"),
    RecordKind.HOMEWORK: ("homework", "zadanie domowe"),
    RecordKind.MATERIAL: ("material", "materiał"),
    RecordKind.ENTRY: ("diary entry", "wpis w dzienniku"),
    RecordKind.REFLECTION: ("reflection", "refleksja"),
}
