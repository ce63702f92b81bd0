"""The wall: a read-only view of a running session, large, for the room to read."""
