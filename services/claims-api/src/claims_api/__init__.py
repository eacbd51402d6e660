"""claims-api: the system of record of the mass claim (cases, claimants, damages, evidence, hearings)."""
