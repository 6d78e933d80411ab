"""The assessments' routes, by page group; they share one blueprint."""
