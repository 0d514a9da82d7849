"""The tabs of a relationship: each its own module with its own item model."""
