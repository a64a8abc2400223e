"""Booking domain: services, slots, bookings, waiting lists, reminders. No Telegram imports."""
