"""What deadlines look like in Telegram: the list, the card (also the reminder, with its
checklist and the "book a consultation" tap) and the year / month / day pickers."""

from __future__ import annotations

import calendar
import datetime as dt
from html import escape

from babel.dates import format_date

from bot.deadline_file import KINDS, checklist
from bot.deadlines import days_left, is_ticked, latest_date
from bot.handlers import callback_data as cd
from bot.handlers.base import Keyboard, button
from bot.i18n import babel_locale
from bot.services import Services
from storage.models import Deadline

STEP_BUTTONS_PER_ROW = 5


def t(services: Services, locale: str, message_id: str, **args: object) -> str:
    return services.translator.t(locale, message_id, **args)


def name_of(services: Services, locale: str, deadline: Deadline, *, html: bool = True) -> str:
    """The kind in the reader's language, or the person's own label (escaped for a message,
    as typed for a button)."""
    if deadline.kind == "other" and deadline.label:
        return escape(deadline.label) if html else deadline.label
    return t(services, locale, f"deadline-kind-{deadline.kind}")


def kind_rows(services: Services, locale: str) -> Keyboard:
    return [[button(t(services, locale, f"deadline-kind-{k}"), cd.DlKind(k))] for k in KINDS]


def listing(services: Services, locale: str, rows: list[Deadline]) -> tuple[str, Keyboard]:
    today = services.deadlines.today()
    lines = [t(services, locale, "deadline-list-title" if rows else "deadline-list-empty")]
    keyboard: Keyboard = []
    for deadline in rows:
        if deadline.due_on is None:
            continue
        args = {
            "name": name_of(services, locale, deadline),
            "date": services.translator.format_date(deadline.due_on, locale, fmt="medium"),
            "days": days_left(deadline.due_on, today),
        }
        lines.append(t(services, locale, "deadline-list-item", **args))
        args["name"] = name_of(services, locale, deadline, html=False)
        label = t(services, locale, "deadline-open-button", **args)
        keyboard.append([button(label, cd.DlOpen(deadline.id or 0))])
    keyboard.append([button(t(services, locale, "deadline-add-button"), cd.DlNew())])
    keyboard.append([button(t(services, locale, "faq-home"), cd.FaqHome())])
    return "\n".join(lines), keyboard


def card(
    services: Services, locale: str, deadline: Deadline, *, reminder: bool
) -> tuple[str, Keyboard]:
    """The deadline with its steps; a reminder is the same card under a reminder title."""
    assert deadline.due_on is not None
    today = services.deadlines.today()
    text = t(
        services,
        locale,
        "deadline-card",
        name=name_of(services, locale, deadline),
        date=services.translator.format_date(deadline.due_on, locale, fmt="long"),
        days=days_left(deadline.due_on, today),
    )
    if reminder:
        text = t(services, locale, "deadline-reminder-title") + "\n" + text
    rule = services.deadlines.rules().rule(deadline.kind)
    steps = checklist(services.faq.content, rule, locale)
    rows: Keyboard = []
    if steps:
        marks = [("✅" if is_ticked(deadline.ticked, n) else "▫️") for n in range(len(steps))]
        lines = [
            f"{n + 1}. {mark} {step}"
            for n, (mark, step) in enumerate(zip(marks, steps, strict=True))
        ]
        text += "\n\n" + t(services, locale, "deadline-steps-title") + "\n" + "\n".join(lines)
        ticks = [
            button(
                t(
                    services,
                    locale,
                    "deadline-step-button",
                    number=n + 1,
                    done="yes" if is_ticked(deadline.ticked, n) else "no",
                ),
                cd.DlTick(deadline.id or 0, n),
            )
            for n in range(len(steps))
        ]
        rows += [
            ticks[i : i + STEP_BUTTONS_PER_ROW] for i in range(0, len(ticks), STEP_BUTTONS_PER_ROW)
        ]
    consultation = [s for s in services.catalog.services.values() if not s.is_group]
    if consultation:  # the existing booking entry, one tap away
        rows.append(
            [
                button(
                    t(services, locale, "deadline-book-button"), cd.BookService(consultation[0].id)
                )
            ]
        )
    rows.append(
        [
            button(t(services, locale, "deadline-edit-button"), cd.DlEdit(deadline.id or 0)),
            button(t(services, locale, "deadline-delete-button"), cd.DlDelete(deadline.id or 0)),
        ]
    )
    rows.append([button(t(services, locale, "deadline-list-button"), cd.DlList())])
    return text, rows


def year_picker(
    services: Services, locale: str, deadline: Deadline, example: str
) -> tuple[str, Keyboard]:
    today = services.deadlines.today()
    years = range(today.year, latest_date(today).year + 1)
    text = t(
        services,
        locale,
        "deadline-pick-year",
        name=name_of(services, locale, deadline),
        example=example,
    )
    row = [button(str(y), cd.DlYear(deadline.id or 0, y)) for y in years]
    return text, [
        row[:3],
        row[3:],
        [button(t(services, locale, "deadline-list-button"), cd.DlList())],
    ]


def month_picker(
    services: Services, locale: str, deadline: Deadline, year: int
) -> tuple[str, Keyboard]:
    today = services.deadlines.today()
    last = latest_date(today)
    where = babel_locale(locale)
    months = [
        m
        for m in range(1, 13)
        if (year, m) >= (today.year, today.month) and (year, m) <= (last.year, last.month)
    ]
    buttons = [
        button(
            str(format_date(dt.date(year, m, 1), format="LLL", locale=where)),
            cd.DlMonth(deadline.id or 0, year, m),
        )
        for m in months
    ]
    rows: Keyboard = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([button(t(services, locale, "deadline-back-button"), cd.DlEdit(deadline.id or 0))])
    text = t(
        services, locale, "deadline-pick-month", name=name_of(services, locale, deadline), year=year
    )
    return text, rows


def day_picker(
    services: Services, locale: str, deadline: Deadline, year: int, month: int
) -> tuple[str, Keyboard]:
    today = services.deadlines.today()
    last = latest_date(today)
    days = [
        dt.date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if today <= dt.date(year, month, d) <= last
    ]
    buttons = [button(str(d.day), cd.DlDay(deadline.id or 0, d)) for d in days]
    rows: Keyboard = [buttons[i : i + 7] for i in range(0, len(buttons), 7)]
    rows.append(
        [button(t(services, locale, "deadline-back-button"), cd.DlYear(deadline.id or 0, year))]
    )
    month_name = str(
        format_date(dt.date(year, month, 1), format="LLLL y", locale=babel_locale(locale))
    )
    text = t(
        services,
        locale,
        "deadline-pick-day",
        name=name_of(services, locale, deadline),
        month=month_name,
    )
    return text, rows
