"""The funding pages (each module adds its routes to the one blueprint)."""
