"""The app's screens, one per step of a session and per view of the history."""
