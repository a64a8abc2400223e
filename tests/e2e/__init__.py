"""End-to-end tests that run the bot against the Bot API emulator in emulator/."""
