"""The facilitator's terminal app (Textual)."""
