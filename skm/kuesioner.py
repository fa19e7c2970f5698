"""The public online questionnaire (PermenPANRB 14/2017): links, open periods, one answer at a time.

    token = link_token(store, unit.id)                  # or link_token(store, unit.id, layanan_id)
    set_open(store, unit.id, Period(2025, 1), True, by="operator")
    form = public_form(store, token)                    # unit name, layanan names, open periods; nothing else
    form_token = issue_form(store, token)               # when the form is drawn; kept in the session
    receipt = submit(store, token, entry, form_token=form_token, client=address)
                                                        # one response, counted or held, in one transaction

A link is an unguessable token kept in DuckDB (`kuesioner_links`), so a respondent can neither
see nor guess other units' ids or names. Answers go into the same `responses` table as uploaded
files, in one batch per (unit, layanan, period) with source 'kuesioner'; every counted answer adds
its row and refreshes that batch's `layanan_summary` in the same transaction, so the dashboard's
figures include it at once and cost no more to compute. An answer from a burst or a repeated
pattern is stored but held for review instead (skm.tinjauan): no figure counts it until accepted.

Errors (all `SkmError`, messages in Bahasa Indonesia for the respondent):
 ├── LinkInvalid         unknown or malformed token
 ├── KuesionerRejected   incomplete or out-of-range answers, unknown layanan, closed period
 ├── FormExpired         the drawn form's one-time token is missing, used already or expired
 └── RateLimited         too many submissions from one client or session, or through a link today
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from skm.errors import FormExpired as FormExpired  # re-exported with the form
from skm.errors import KuesionerRejected, LinkInvalid, RateLimited, SkmError
from skm.formatting import angka
from skm.labels import unit_label
from skm.proxies import Network, client_address
from skm.storage import Store
from skm.storage import kuesioner as kuesioner_store
from skm.tinjauan import Rules
from skm.units import Period, Unit
from skm.units import period_of as period_of  # the semester of a service date
from skm.unsur import CODES, UNSUR

PUBLIC_URL_ENV = "SKM_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
QUERY_KEY = "isi"
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

JENIS_KELAMIN = ("Laki-laki", "Perempuan")
PENDIDIKAN = ("SD ke bawah", "SMP", "SMA/SMK", "D1/D2/D3", "D4/S1", "S2 ke atas")
PEKERJAAN = ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya")
USIA_MIN, USIA_MAX = 10, 100
SARAN_MAX = 1000
LAYANAN_NAME_MAX = 120
EARLIEST = date(2000, 1, 1)

# The questions of the regulation's sample questionnaire, one per unsur.
QUESTIONS: dict[str, str] = {
    "U1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "U2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": (
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
        "pelayanan dengan hasil yang diberikan?"
    ),
    "U6": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "U7": "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "U8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "U9": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
}


def _answer_words(code: str) -> tuple[str, ...]:
    """The unsur's own four answers, score 1 to 4, as the questionnaire prints them."""
    words = [w for w, score in UNSUR[code].answers.items()][:4]
    assert [UNSUR[code].answers[w] for w in words] == [1, 2, 3, 4], code
    return tuple(w[0].upper() + w[1:] for w in words)


ANSWERS: dict[str, tuple[str, ...]] = {c: _answer_words(c) for c in CODES}


def question_label(code: str) -> str:
    """'Pertanyaan 3 (Waktu Penyelesaian)': how a message names a question."""
    return f"Pertanyaan {CODES.index(code) + 1} ({UNSUR[code].name})"


# ------------------------------------------------------------------------------------ links


@dataclass(frozen=True)
class Link:
    token: str
    unit_id: int
    layanan_id: int | None
    layanan: str | None  # None: the respondent picks among the unit's layanan


def public_base_url() -> str:
    return (os.environ.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL).strip().rstrip("/")


def public_url_problem(base: str | None = None) -> str | None:
    """Why links and QR codes made with SKM_PUBLIC_URL would not work for citizens, or None.

    >>> public_url_problem("https://skm.example.go.id") is None
    True
    >>> public_url_problem("http://localhost:8501")[:40]
    'SKM_PUBLIC_URL masih http://localhost:85'
    """
    base = base or public_base_url()
    host = (urlsplit(base).hostname or "").lower()
    if host in ("", "localhost", "0.0.0.0") or host.endswith(".localhost") or host.startswith("127.") or host == "::1":
        return (
            f"SKM_PUBLIC_URL masih {base}: tautan dan kode QR di bawah hanya terbuka di komputer server ini, "
            "tidak di ponsel warga. Atur SKM_PUBLIC_URL ke alamat publik server (mis. https://skm.kota.go.id) "
            "lalu jalankan ulang aplikasi sebelum mencetak poster."
        )
    return None


def questionnaire_url(token: str, base: str | None = None) -> str:
    """The full link a QR code carries: <base>/?isi=<token>."""
    return f"{(base or public_base_url()).rstrip('/')}/?{QUERY_KEY}={token}"


def link_token(store: Store, unit_id: int, layanan_id: int | None = None) -> str:
    """The unit's (or one of its layanan's) questionnaire token, made on first use."""
    token = store.kuesioner_link(unit_id, layanan_id)
    if token is not None:
        return token
    # 144 random bits: not guessable, not enumerable
    return store.add_kuesioner_link(unit_id, layanan_id, secrets.token_urlsafe(18))


def unit_links(store: Store, unit_id: int) -> list[Link]:
    """The unit-wide link first, then one per layanan, every one made if missing."""
    out = [Link(link_token(store, unit_id), unit_id, None, None)]
    out += [Link(link_token(store, unit_id, lid), unit_id, lid, name) for lid, name in store.layanan_rows(unit_id)]
    return out


def resolve(store: Store, token: str) -> tuple[int, int | None]:
    """(unit_id, layanan_id) of a token: one primary-key look-up; LinkInvalid for anything else."""
    if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
        raise LinkInvalid("Maaf, tautan tidak berlaku.")
    target = store.link_target(token)
    if target is None:
        raise LinkInvalid("Maaf, tautan tidak berlaku.")
    return target


# ------------------------------------------------------------------------------------ periods


def set_open(store: Store, unit_id: int, period: Period, is_open: bool, by: str | None = None) -> None:
    """Open or close the questionnaire of a unit for one semester (not opened while the period is
    approved and locked)."""
    store.set_kuesioner_open(unit_id, period, is_open, by)


def is_open(store: Store, unit_id: int, period: Period) -> bool:
    return period in open_periods(store, unit_id)


def open_periods(store: Store, unit_id: int) -> list[Period]:
    return store.kuesioner_open_periods(unit_id)


def response_count(store: Store, unit_id: int, period: Period) -> int:
    """Online answers of the unit in the period that are counted (their batch not undone)."""
    return store.kuesioner_response_count(unit_id, period)


def ensure_layanan(store: Store, unit_id: int, name: str) -> int:
    """A layanan of the unit by name, created when missing (so a unit without uploads can open a
    questionnaire)."""
    clean = " ".join(name.split())
    if not clean:
        raise SkmError("Nama layanan kosong.")
    if len(clean) > LAYANAN_NAME_MAX:
        raise SkmError(f"Nama layanan terlalu panjang (paling banyak {LAYANAN_NAME_MAX} karakter).")
    return store.ensure_layanan(unit_id, clean)


# ------------------------------------------------------------------------------------ the public form


@dataclass(frozen=True)
class PublicForm:
    """All the public page may know for a token."""

    unit_name: str  # 'Kelurahan Halim Perdanakusuma'
    layanan: tuple[str, ...]  # the choices (just one when the link fixes it)
    fixed_layanan: str | None
    open_periods: tuple[Period, ...]


def public_form(store: Store, token: str) -> PublicForm:
    return _form(store, token)[1]


def _form(store: Store, token: str) -> tuple[int, PublicForm]:
    unit_id, layanan_id = resolve(store, token)
    unit = store.unit_name_level(unit_id)
    if layanan_id is None:
        names, fixed = [name for _, name in store.layanan_rows(unit_id)], None
    else:
        names = [name for lid, name in store.layanan_rows(unit_id) if lid == layanan_id]
        fixed = names[0] if names else None
    if not unit or (layanan_id is not None and fixed is None):  # the unit or layanan is gone
        raise LinkInvalid("Maaf, tautan tidak berlaku.")
    name, level = unit
    label = unit_label(Unit(id=unit_id, name=name, level=level, parent_id=None, path=(name,)))
    return unit_id, PublicForm(label, tuple(names), fixed, tuple(open_periods(store, unit_id)))


@dataclass
class Entry:
    """One respondent's answers as the form hands them over (None: not answered)."""

    jenis_kelamin: str | None = None
    usia: int | None = None
    pendidikan: str | None = None
    pekerjaan: str | None = None
    layanan: str | None = None
    tanggal_layanan: date | None = None
    answers: Mapping[str, int | None] = field(default_factory=dict)
    saran: str = ""


@dataclass(frozen=True)
class Receipt:
    batch_id: int | None  # None while the answer is held for review
    row_number: int | None
    period: Period
    layanan: str
    held: bool = False


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _choice(value: object, options: tuple[str, ...]) -> bool:
    return isinstance(value, str) and value in options


def validate(form: PublicForm, entry: Entry, today: date) -> Entry:
    """The entry checked and cleaned, or KuesionerRejected naming what is missing or wrong."""
    missing: list[str] = []
    wrong: list[str] = []
    for label, text, options in (
        ("Jenis kelamin", entry.jenis_kelamin, JENIS_KELAMIN),
        ("Pendidikan", entry.pendidikan, PENDIDIKAN),
        ("Pekerjaan", entry.pekerjaan, PEKERJAAN),
    ):
        if text is None or text == "":
            missing.append(label)
        elif not _choice(text, options):
            wrong.append(f"{label}: pilih salah satu pilihan yang tersedia")
    usia = entry.usia
    if usia is None:
        missing.append("Usia")
    elif isinstance(usia, bool) or not isinstance(usia, int) or not USIA_MIN <= usia <= USIA_MAX:
        wrong.append(f"Usia: isi antara {USIA_MIN} dan {USIA_MAX} tahun")
    layanan = form.fixed_layanan or entry.layanan
    if form.fixed_layanan and entry.layanan not in (None, "", form.fixed_layanan):
        wrong.append("Jenis layanan: tautan ini hanya untuk layanan " + form.fixed_layanan)
    elif not layanan:
        missing.append("Jenis layanan yang diterima")
    elif layanan not in form.layanan:
        wrong.append("Jenis layanan: pilih salah satu layanan dari daftar")
    day = entry.tanggal_layanan
    if day is None:
        missing.append("Tanggal layanan")
    elif not isinstance(day, date) or isinstance(day, datetime):
        wrong.append("Tanggal layanan: tanggal tidak dikenal")
    elif day > today:
        wrong.append("Tanggal layanan: tidak boleh setelah hari ini")
    elif day < EARLIEST:
        wrong.append("Tanggal layanan: terlalu lama")
    answers: dict[str, int] = {}
    for code in CODES:
        value = entry.answers.get(code)
        if value is None:
            missing.append(question_label(code))
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
            wrong.append(f"{question_label(code)}: pilih salah satu dari empat jawaban")
        else:
            answers[code] = value
    unknown = sorted(set(entry.answers) - set(CODES))
    if unknown:
        wrong.append("Pertanyaan tidak dikenal: " + ", ".join(map(str, unknown)))
    saran = entry.saran if isinstance(entry.saran, str) else ""
    saran = _CONTROL.sub("", saran.replace("\r\n", "\n")).strip()
    if len(saran) > SARAN_MAX:
        wrong.append(f"Saran terlalu panjang (paling banyak {angka(SARAN_MAX, 0)} karakter)")
    if missing or wrong:
        parts = []
        if missing:
            parts.append("Mohon lengkapi: " + "; ".join(missing) + ".")
        if wrong:
            parts.append("Mohon periksa: " + "; ".join(wrong) + ".")
        raise KuesionerRejected(" ".join(parts))
    assert usia is not None and day is not None and layanan
    return Entry(
        jenis_kelamin=entry.jenis_kelamin,
        usia=usia,
        pendidikan=entry.pendidikan,
        pekerjaan=entry.pekerjaan,
        layanan=layanan,
        tanggal_layanan=day,
        answers=answers,
        saran=saran,
    )


def _closed_message(form_unit: str, period: Period) -> str:
    return (
        f"Maaf, kuesioner {form_unit} untuk {period.label} tidak sedang dibuka, jadi jawaban untuk layanan "
        "pada tanggal itu belum dapat diterima. Periksa tanggal layanan, atau tanyakan kepada petugas."
    )


def _form_hash(form_token: str) -> str:
    return hashlib.sha256(f"skm-formulir/{form_token}".encode()).hexdigest()


def issue_form(store: Store, token: str, now: datetime | None = None, rules: Rules | None = None) -> str:
    """A one-time token for one drawn form of this link, kept server-side (its hash in DuckDB, the
    token itself only in the page's session state, never sent to the browser): `submit` consumes it,
    so each drawn form stores at most one answer and a replayed submission is refused."""
    now = now or datetime.now()
    rules = rules or Rules.from_env()
    resolve(store, token)
    form_token = secrets.token_urlsafe(24)
    store.issue_kuesioner_form(_form_hash(form_token), token, now, now + timedelta(minutes=rules.form_minutes))
    return form_token


def submit(
    store: Store,
    token: str,
    entry: Entry,
    now: datetime | None = None,
    *,
    form_token: str | None,
    client: str = "lokal",
    rules: Rules | None = None,
) -> Receipt:
    """Store one response, all in one transaction: the form's one-time token consumed, the link's
    daily cap checked, then the answer counted (appended to its kuesioner batch with the batch's
    summary refreshed) or held for review (skm.tinjauan)."""
    now = now or datetime.now()
    rules = rules or Rules.from_env()
    unit_id, form = _form(store, token)
    clean = validate(form, entry, now.date())
    assert clean.tanggal_layanan is not None and clean.layanan is not None and clean.usia is not None
    period = period_of(clean.tanggal_layanan)
    answer = kuesioner_store.Answer(
        link_token=token,
        unit_id=unit_id,
        layanan_id=0,  # the store reads it from the layanan's name, in the answer's transaction
        period=period,
        tanggal_layanan=clean.tanggal_layanan,
        profile=(clean.jenis_kelamin, str(clean.usia), clean.pendidikan, clean.pekerjaan, clean.saran or None),
        answers=tuple(v for v in (clean.answers[c] for c in CODES) if v is not None),  # all nine: validated
        client=kuesioner_store.client_hash(client),
    )
    form_hash = _form_hash(form_token) if isinstance(form_token, str) else None
    closed = _closed_message(form.unit_name, period)
    stored = store.store_kuesioner_answer(form_hash, answer, clean.layanan, rules, now, closed)
    return Receipt(stored.batch_id, stored.row_number, period, clean.layanan, stored.state == kuesioner_store.HELD)


# ------------------------------------------------------------------------------------ abuse


def client_key(forwarded_for: str | None, ip_address: str | None, *, trusted: tuple[Network, ...] = ()) -> str:
    """Who is sending, for the rate limit: the connection's address, or, when the connection
    comes from one of the `trusted` proxies (`skm.proxies.trusted_proxies()`), the first
    X-Forwarded-For hop from the right that is not one of them. A client's own header never counts
    otherwise (it would give every request a fresh identity). See skm/proxies.py for what
    Streamlit itself does with the header."""
    return (client_address(forwarded_for, ip_address, trusted) or "lokal")[:64]


class RateLimiter:
    """Sliding-window limits on submissions, per client (IP) and per browser session.

    Kept in this process, not in DuckDB: the app is one server process (DuckDB lets one process
    write the file), a check costs a dict look-up under a lock instead of a write transaction
    competing with imports, and losing the counters on a restart only loosens the limit briefly.

        with LIMITER.slot(client, session):   # RateLimited when over a limit
            submit(...)                       # a refused submission gives its slot back
    """

    def __init__(
        self,
        per_client: int = 5,
        client_window: float = 600.0,
        per_session: int = 1,
        session_window: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ):
        self.per_client, self.client_window = per_client, client_window
        self.per_session, self.session_window = per_session, session_window
        self.max_keys = max_keys
        self._clock = clock
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    @classmethod
    def from_env(cls) -> RateLimiter:
        """Limits from SKM_KUESIONER_PER_CLIENT (submissions per 10 minutes; a counter kiosk
        behind one IP may need more) and SKM_KUESIONER_SESSION_SECONDS."""
        per_client = int(os.environ.get("SKM_KUESIONER_PER_CLIENT") or 5)
        session_window = float(os.environ.get("SKM_KUESIONER_SESSION_SECONDS") or 20)
        return cls(per_client=per_client, session_window=session_window)

    def clear(self) -> None:
        with self._lock:
            self._hits.clear()

    def _recent(self, key: str, window: float, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) >= self.max_keys:  # bounded memory: forget the stalest key
                stalest = min(self._hits, key=lambda k: self._hits[k][-1] if self._hits[k] else 0.0)
                del self._hits[stalest]
            hits = self._hits[key] = deque()
        while hits and hits[0] <= now - window:
            hits.popleft()
        return hits

    @contextmanager
    def slot(self, client: str, session: str) -> Iterator[None]:
        keys = (f"c:{client}", f"s:{session}")
        with self._lock:
            now = self._clock()
            session_hits = self._recent(keys[1], self.session_window, now)
            if len(session_hits) >= self.per_session:
                wait = max(1, int(session_hits[0] + self.session_window - now + 0.999))
                raise RateLimited(
                    f"Jawaban Anda baru saja terkirim. Mohon tunggu {wait} detik sebelum mengirim jawaban berikutnya."
                )
            client_hits = self._recent(keys[0], self.client_window, now)
            if len(client_hits) >= self.per_client:
                wait = max(1, int((client_hits[0] + self.client_window - now) / 60 + 0.999))
                raise RateLimited(
                    "Terlalu banyak jawaban terkirim dari perangkat atau jaringan ini. "
                    f"Silakan coba lagi dalam {wait} menit."
                )
            session_hits.append(now)
            client_hits.append(now)
        try:
            yield
        except BaseException:
            with self._lock:  # not stored: the slot is given back
                for key in keys:
                    hits = self._hits.get(key)
                    if hits and now in hits:
                        hits.remove(now)
            raise


LIMITER = RateLimiter.from_env()
