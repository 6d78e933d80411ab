"""The forum's routes, in modules that share one blueprint."""
