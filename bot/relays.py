"""Ask a person at the centre: a migrant's question goes to the coordinator chat, a coordinator's
reply to it comes back to the migrant, both as outbox rows (kinds `question` and `answer`) so no
update waits for the chat's rate limit and nothing is lost if a send fails for a while. The words
travel in the row's payload and are cleared once it is sent; afterwards only message ids are kept
(`relays`), to thread the conversation. No Telegram imports."""

from __future__ import annotations

from bot.clock import Clock
from bot.delivery import outbox
from bot.delivery.kinds import Kind
from storage.db import Database
from storage.models import EventKind, Relay, User
from storage.repos import events
from storage.repos import relays as repo


class Relays:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def thread_of(self, relay_id: int, user_id: int) -> int | None:
        """The coordinator-chat post a "write back" button continues; never another person's."""
        async with self.db.brief() as session:
            relay = await session.get(Relay, relay_id)
        return relay.coordinator_message_id if relay and relay.user_id == user_id else None

    async def thread_of_reply(self, user_id: int, message_id: int) -> int | None:
        """The thread of the relayed answer a person replied to (Telegram's "reply")."""
        async with self.db.brief() as session:
            relay = await repo.relay_by_user_message(
                session=session, user_id=user_id, message_id=message_id
            )
        return relay.coordinator_message_id if relay else None

    async def ask(self, *, user: User, text: str, thread: int | None) -> None:
        """Queue the question for the coordinator chat and count the contact, in one unit."""
        now = self.clock.now()
        async with self.db.brief() as session:
            await outbox.enqueue(
                session,
                Kind.QUESTION,
                due_at=now,
                user_id=user.id,
                payload={"text": text, "thread": thread},
            )
            await events.record(
                session=session,
                kind=EventKind.CONSULTATION_CONTACT,
                user_key=user.user_key,
                language=user.language,
                at=now,
            )
            await session.commit()

    async def asker_of(self, coordinator_message_id: int) -> tuple[Relay, User] | None:
        """Who asked the question a coordinator replied to."""
        async with self.db.brief() as session:
            relay = await repo.relay_by_coordinator_message(
                session=session, message_id=coordinator_message_id
            )
            user = await session.get(User, relay.user_id) if relay else None
        return (relay, user) if relay is not None and user is not None else None

    async def answer(self, *, relay: Relay, text: str, by: str | None = None) -> None:
        """Queue the answer for the person; the question's post remembers who answered."""
        async with self.db.brief() as session:
            await repo.mark_answered(
                session=session, coordinator_message_id=relay.coordinator_message_id, by=by
            )
            await outbox.enqueue(
                session,
                Kind.ANSWER,
                due_at=self.clock.now(),
                user_id=relay.user_id,
                ref_id=relay.id,
                payload={"text": text},
            )
            await session.commit()

    async def posted(
        self,
        *,
        user_id: int,
        coordinator_message_ids: list[int],
        user_message_ids: list[int] | None = None,
    ) -> None:
        """Remember the sent parts, so a reply to any of them continues the thread."""
        now = self.clock.now()
        async with self.db.brief() as session:
            pairs: list[tuple[int, int | None]]
            if user_message_ids is None:  # a question: its posts in the coordinator chat
                pairs = [(m, None) for m in coordinator_message_ids]
            else:  # an answer: its parts in the person's chat, all of one thread
                pairs = [(coordinator_message_ids[0], m) for m in user_message_ids]
            for coordinator_message_id, user_message_id in pairs:
                await repo.add_relay(
                    session=session,
                    relay=Relay(
                        user_id=user_id,
                        coordinator_message_id=coordinator_message_id,
                        user_message_id=user_message_id,
                        created_at=now,
                    ),
                )
            await session.commit()
