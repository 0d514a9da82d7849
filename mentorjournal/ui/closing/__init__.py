"""The guided closing of a relationship: the Reflection tab's steps and their parts."""
