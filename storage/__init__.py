"""Storage: SQLModel tables, the async engine, repositories and Alembic migrations.

Nothing here imports `telegram`: the bot and the CLI reach the database only through this package.
"""
