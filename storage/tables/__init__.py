"""The SQLModel tables, by area. Import them from `storage.models`, which registers them all."""
