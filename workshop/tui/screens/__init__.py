"""Full screens of the facilitator app."""
