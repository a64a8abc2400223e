"""Queries. Every function takes `*, session` and never commits: the caller's unit of work does."""
