"""What notify reads from claims-api (its own models of the contract shapes)."""
