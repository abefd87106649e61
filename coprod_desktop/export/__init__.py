"""Documents that leave the project: the participant's consent copy, and later the packs."""
