"""The start of the app: create a journal, unlock it, recover it, or open another folder."""
