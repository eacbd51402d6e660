"""E-mails to claimants: what is scheduled, sent, failed or cancelled."""
