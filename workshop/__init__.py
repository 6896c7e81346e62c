"""workshop: run scripted team sessions in Dutch care and turn them into a PDCA plan."""

__version__ = "0.1.0"
