"""Load benchmark of the participant server: `python -m workshop.bench` (a developer tool, not used by the app)."""
