"""The terminal UI: renders the protocol's state and turns keys into its triggers."""
