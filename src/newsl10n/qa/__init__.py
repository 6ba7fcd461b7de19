"""Quality checks over source and target text: terminology now, more checks later."""
