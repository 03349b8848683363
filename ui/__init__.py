"""The PySide6 side panel; it reaches the engine through its events and commands."""
