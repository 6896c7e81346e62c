"""Participant side of a session: the phone pages, the QR code and the laptop's LAN address."""
