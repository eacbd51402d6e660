"""Import of claimants with their damage items from CSV/XLSX, and export of claimants and the claim table."""
