"""The domain: scenarios, the protocol's state machine, the clock and the session record.

Nothing here imports Textual; the UI renders this and turns keys into triggers.
"""
