"""End-to-end test of booking: `arrival-desk run` as a real process against the Bot API emulator.

A Ukrainian-speaking migrant books a consultation a few minutes ahead, the coordinator confirms it,
the bot crashes (SIGKILL) and is started again before the reminder is due, the reminder arrives
exactly once, the migrant moves the booking and then cancels it, and SIGTERM stops the bot cleanly.

The coordinator chat is the coordinator's private chat (the emulator has private chats only).
"""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import Translator

from .emulator_client import Emulator, Message

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="node is not on PATH; the Bot API emulator needs Node 20"
)

REPO = Path(__file__).resolve().parents[2]
TIMEZONE = "Europe/Ljubljana"
TZ = ZoneInfo(TIMEZONE)
MIGRANT, COORDINATOR = 3101, 3102
SERVICE = "consultation"
NAME_UK = "Консультація з інтеграції"  # only in this test's services file
ICS_NAME = f"{SERVICE}.ics"
# The reminder falls due this long after the bot is first started: enough to book and confirm
# (~5-10 s; up to a minute with the start-up on a busy machine) and to crash and restart the bot
# (~5 s) before it.
REMINDER_LEAD = dt.timedelta(seconds=90)
REMINDER_WAIT = 120.0  # seconds to wait for the reminder after the restart
STEP = 15.0  # seconds to wait for the bot's answer to one action
STARTUP = 60.0  # the first answer waits for the process to start (slow on a busy 2-core machine)


# -- the schedule and the services file --------------------------------------------------------
@dataclass(frozen=True)
class Schedule:
    first: dt.datetime  # local, aware: the slot that is booked
    second: dt.datetime  # local, aware: one hour later, the slot the booking moves to
    reminder_due: dt.datetime  # aware
    reminder_hours: str  # REMINDER_HOURS

    @staticmethod
    def plan() -> Schedule:
        now = dt.datetime.now(TZ)
        next_minute = now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
        first = next_minute + dt.timedelta(minutes=4)
        due = now + REMINDER_LEAD
        hours = (first - due).total_seconds() / 3600
        return Schedule(first, first + dt.timedelta(hours=1), due, f"{hours:.7f}")


def write_services(path: Path, schedule: Schedule) -> None:
    extra = ", ".join(f'"{s:%Y-%m-%d %H:%M}"' for s in (schedule.first, schedule.second))
    path.write_text(
        f"""services:
  - id: {SERVICE}
    kind: one-to-one
    duration: 30
    name: {{ en: Integration consultation, uk: {NAME_UK} }}
    place:
      address: Ljubljanska cesta 4, 6230 Postojna
    staff: Integration coordinator
    hours: []
    extra: [{extra}]
""",
        encoding="utf-8",
    )


# -- the bot process ---------------------------------------------------------------------------
@dataclass
class Desk:
    """The emulator plus the bot process(es) started against it, one log file per run."""

    emu: Emulator
    tmp_path: Path
    env: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    logs: list[Path] = field(default_factory=list)

    def start_bot(self) -> None:
        assert self.proc is None or self.proc.poll() is not None, "a bot is already running"
        log = self.tmp_path / f"bot-{len(self.logs) + 1}.log"
        self.logs.append(log)
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run"],
                cwd=REPO,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def crash(self) -> None:
        """SIGKILL: no shutdown code runs, as when the machine or the container dies."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self, timeout: float = 15) -> int:
        """SIGTERM, as `docker stop` sends it; returns the exit code."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the bot did not exit within {timeout} s of SIGTERM")

    def kill_all(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def log_text(self) -> str:
        return "\n".join(
            f"---- {p.name} ----\n" + p.read_text(encoding="utf-8", errors="replace")
            for p in self.logs
            if p.exists()
        )


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Desk, Schedule]]:
    emu = Emulator(store_timeout=600).start()
    desk = None
    try:
        schedule = Schedule.plan()
        services_file = tmp_path / "services.yaml"
        write_services(services_file, schedule)
        env = emu.process_env(
            tmp_path / "data",
            SERVICES_FILE=str(services_file),
            TIMEZONE=TIMEZONE,
            COORDINATOR_IDS=str(COORDINATOR),
            COORDINATOR_CHAT_ID=str(COORDINATOR),
            COORDINATOR_LANGUAGE="en",
            CANCEL_CUTOFF_HOURS="0",
            REMINDER_HOURS=schedule.reminder_hours,
            OUTBOX_POLL_SECONDS="1",
            CONTENT_RELOAD_SECONDS="0",
        )
        desk = Desk(emu, tmp_path, env)
        desk.start_bot()
        yield desk, schedule
    finally:
        if desk is not None:
            desk.kill_all()
        emu.stop()
        if desk is not None:  # pytest shows this only when the test fails
            print(desk.log_text())


# -- reading and pressing buttons --------------------------------------------------------------
def callback_datas(message: Message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b.get("callback_data") or "" for row in markup.get("inline_keyboard", []) for b in row]


def labelled(message: Message) -> list[tuple[str, str]]:
    """(label, callback data) of every inline button."""
    markup = message.get("reply_markup") or {}
    return [
        (b["text"], b.get("callback_data") or "")
        for row in markup.get("inline_keyboard", [])
        for b in row
    ]


def text_of(message: Message) -> str:
    return message.get("text") or message.get("caption") or ""


def wait_button(
    emu: Emulator,
    chat: int,
    prefix: str,
    *,
    label: str | None = None,
    timeout: float = STEP,
) -> tuple[Message, str]:
    """The newest bot message with a button whose data starts with `prefix` (and whose label is
    `label`), and that button's callback data."""

    def match(message: Message) -> str | None:
        for text, data in labelled(message):
            if data.startswith(prefix) and (label is None or text == label):
                return data
        return None

    message = emu.wait_for(chat, lambda m: match(m) is not None, timeout=timeout)
    data = match(message)
    assert data is not None
    return message, data


def press_button(
    emu: Emulator,
    chat: int,
    prefix: str,
    *,
    label: str | None = None,
    language: str = "uk",
    timeout: float = STEP,
) -> tuple[Message, str]:
    """Press the button whose callback data starts with `prefix`, as the bot really sent it."""
    message, data = wait_button(emu, chat, prefix, label=label, timeout=timeout)
    emu.press(chat, data, message_id=message["message_id"], language_code=language)
    return message, data


def newest_id(emu: Emulator, chat: int) -> int:
    return max((m["message_id"] for m in emu.bot_messages(chat)), default=0)


def wait_new(
    emu: Emulator,
    chat: int,
    after: int,
    predicate: Callable[[Message], bool],
    timeout: float = STEP,
) -> Message:
    """A bot message sent after message `after` (ids grow across chats) matching `predicate`."""
    return emu.wait_for(chat, lambda m: m["message_id"] > after and predicate(m), timeout=timeout)


def reminders(emu: Emulator) -> list[Message]:
    return [m for m in emu.bot_messages(MIGRANT) if "⏰" in text_of(m)]


def documents(emu: Emulator) -> list[Message]:
    return [m for m in emu.bot_messages(MIGRANT) if m.get("document")]


# -- the scenario ------------------------------------------------------------------------------
def test_book_confirm_crash_remind_move_cancel(desk: tuple[Desk, Schedule]) -> None:
    bot, schedule = desk
    emu = bot.emu
    texts = Translator.from_dir(REPO / "locales")
    first_time, second_time = f"{schedule.first:%H:%M}", f"{schedule.second:%H:%M}"

    # 1. The migrant books the first slot: service → day → time → no topic → no interpreter
    # → confirm.
    emu.send_text(MIGRANT, "/book", language_code="uk")
    # The first answer needs the bot up (slow): consent, asked once before the first booking.
    press_button(emu, MIGRANT, "privacy:agree:book", timeout=STARTUP)
    press_button(emu, MIGRANT, f"book:svc:{SERVICE}")
    press_button(emu, MIGRANT, f"book:day:{SERVICE}:{schedule.first:%Y%m%d}")
    _, slot_data = press_button(emu, MIGRANT, "book:slot:", label=first_time)
    slot_id = slot_data.removeprefix("book:slot:")
    press_button(emu, MIGRANT, f"book:tp:{slot_id}:-")
    press_button(emu, MIGRANT, f"book:ip:{slot_id}:-:-")  # no interpreter needed
    press_button(emu, MIGRANT, f"book:ok:{slot_id}:-")
    done, cancel_data = wait_button(emu, MIGRANT, "my:cancel:")
    booking_id = cancel_data.removeprefix("my:cancel:")
    assert NAME_UK in text_of(done), f"no Ukrainian service name: {text_of(done)!r}"
    assert first_time in text_of(done)
    assert f"my:move:{booking_id}" in callback_datas(done)
    ics = emu.wait_for(MIGRANT, lambda m: bool(m.get("document")), timeout=STEP)
    assert ics["document"]["file_name"] == ICS_NAME
    assert ics["caption"] == texts.t("uk", "booking-calendar")
    notice, ok_data = wait_button(emu, COORDINATOR, f"co:ok:{booking_id}")
    assert f"#{booking_id}" in text_of(notice)

    # 2. The coordinator confirms; the migrant is told in Ukrainian.
    before = newest_id(emu, MIGRANT)
    emu.press(COORDINATOR, ok_data, message_id=notice["message_id"], language_code="sl")
    confirmed = wait_new(emu, MIGRANT, before, lambda m: "✅" in text_of(m))
    assert NAME_UK in text_of(confirmed)
    decided = emu.wait_for(
        COORDINATOR,
        lambda m: m["message_id"] == notice["message_id"] and not callback_datas(m),
        timeout=STEP,
    )
    assert texts.t("en", "co-signed-confirmed", name="Test") in text_of(decided)

    # 3. A crash before the reminder is due, a restart, and the reminder exactly once.
    time.sleep(2)  # the outbox job (every second) has run: the crash hits a working scheduler
    left = (schedule.reminder_due - dt.datetime.now(TZ)).total_seconds()
    assert left > 3, f"too slow: the reminder was due {-left:.0f} s before the crash"
    assert not reminders(emu), "a reminder arrived before it was due"
    bot.crash()
    bot.start_bot()
    reminder = emu.wait_for(MIGRANT, lambda m: "⏰" in text_of(m), timeout=REMINDER_WAIT)
    arrived = dt.datetime.now(TZ)
    assert arrived >= schedule.reminder_due - dt.timedelta(seconds=1), "reminder sent too early"
    assert NAME_UK in text_of(reminder) and first_time in text_of(reminder)
    assert f"my:cancel:{booking_id}" in callback_datas(reminder)
    assert f"my:move:{booking_id}" in callback_datas(reminder)
    time.sleep(5)
    assert len(reminders(emu)) == 1, [text_of(m) for m in reminders(emu)]

    # 4a. The migrant moves the booking to the second slot, from the reminder's buttons.
    coordinator_seen = newest_id(emu, COORDINATOR)
    emu.press(MIGRANT, f"my:move:{booking_id}", reminder["message_id"], language_code="uk")
    press_button(emu, MIGRANT, f"my:mday:{booking_id}:{schedule.second:%Y%m%d}")
    _, move_data = press_button(emu, MIGRANT, f"my:mto:{booking_id}:", label=second_time)
    assert move_data != f"my:mto:{booking_id}:{slot_id}", "offered the booked slot to move to"
    moved = emu.wait_for(
        MIGRANT,
        lambda m: "↔" in text_of(m) and f"my:cancel:{booking_id}" in callback_datas(m),
        timeout=STEP,
    )
    assert NAME_UK in text_of(moved) and second_time in text_of(moved)
    move_ics = wait_new(emu, MIGRANT, reminder["message_id"], lambda m: bool(m.get("document")))
    assert move_ics["caption"] == texts.t("uk", "booking-calendar")
    moved_notice = wait_new(emu, COORDINATOR, coordinator_seen, lambda m: "Moved" in text_of(m))
    assert f"#{booking_id}" in text_of(moved_notice) and second_time in text_of(moved_notice)
    coordinator_seen = moved_notice["message_id"]

    # 4b. ... and then cancels it: a cancelling calendar file, a notice to the coordinator.
    migrant_seen = newest_id(emu, MIGRANT)
    press_button(emu, MIGRANT, f"my:cancel:{booking_id}")
    press_button(emu, MIGRANT, f"my:cancelok:{booking_id}")
    emu.wait_for(MIGRANT, lambda m: text_of(m) == texts.t("uk", "booking-cancelled"), timeout=STEP)
    cancel_ics = wait_new(emu, MIGRANT, migrant_seen, lambda m: bool(m.get("document")))
    assert cancel_ics["document"]["file_name"] == ICS_NAME
    assert cancel_ics["caption"] == texts.t("uk", "booking-calendar-cancelled")
    cancelled = wait_new(emu, COORDINATOR, coordinator_seen, lambda m: "Cancelled" in text_of(m))
    assert f"#{booking_id}" in text_of(cancelled)
    assert not callback_datas(cancelled), "Confirm/Decline on a cancelled booking"
    assert not reminders(emu)  # the move edited the reminder in place; no other one came
    assert len(documents(emu)) == 3  # booked, moved, cancelled

    # 5. SIGTERM: a clean stop, nothing alarming or secret in the logs.
    code = bot.stop()
    log = bot.log_text()
    assert code == 0, f"exit code {code} after SIGTERM"
    assert "Traceback" not in log
    assert " ERROR " not in log, [line for line in log.splitlines() if " ERROR " in line]
    assert emu.token not in log
    assert emu.token.split(":", 1)[1] not in log  # not even the secret half
