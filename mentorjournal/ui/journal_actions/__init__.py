"""Stay safe from the Journal menu: change passphrase (and re-key), back up, restore, verify."""
