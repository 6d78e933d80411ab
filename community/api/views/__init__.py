"""The API's routes, one module per resource, all on the one blueprint."""
