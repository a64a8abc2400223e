"""Everything the bot sends on its own goes through one outbox (rows in the database) and one
sender (`bot/handlers/delivery.py`). No Telegram imports here."""
