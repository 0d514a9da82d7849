"""Encrypted storage: the journal folder, SQLCipher database, records, index and blobs."""
