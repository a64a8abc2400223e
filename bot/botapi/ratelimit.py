"""PTB's AIORateLimiter, with one more choice per call: send once, no retry and no pause.

AIORateLimiter answers a 429 by holding back every request for retry_after and trying again. For
the outbox that is the wrong reaction to a 429 about one chat: the row is simply retried after
retry_after (by the outbox, which also survives a restart) while the other chats' rows go on.
The outbox sender passes `rate_limit_args=SEND_ONCE`; every other call keeps PTB's behaviour.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

SEND_ONCE = -1  # 0 would be dropped by PTB before it reaches the limiter


class RateLimiter(AIORateLimiter):
    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if rate_limit_args != SEND_ONCE:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        # As the parent decides which limiters apply (a chat; a group by its negative id).
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        group = chat_id if (isinstance(chat_id, int) and chat_id < 0) else False
        return await self._run_request(
            chat=chat_id is not None,
            group=group,
            allow_paid_broadcast=data.get("allow_paid_broadcast", False),
            callback=callback,
            args=args,
            kwargs=kwargs,
        )
