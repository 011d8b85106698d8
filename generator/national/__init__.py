"""The National Database on Administrative Procedures: import its procedure details into records
(importer), and compare published records with it (drift)."""
