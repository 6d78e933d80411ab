"""Moderation's routes, in modules that share one blueprint."""
