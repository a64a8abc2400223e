"""Arrival Desk: a multilingual Telegram front desk for migrant workers."""
