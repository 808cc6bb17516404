"""The contributions spreadsheet round trip of the admin: export a consultation's contributions (.xlsx, .csv), fill
in the answers, check the file (dry run) and import it (one transaction)."""
