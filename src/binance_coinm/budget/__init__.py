"""Request-weight budgets: what a call may spend before it is sent, per minute of the
exchange's clock."""
