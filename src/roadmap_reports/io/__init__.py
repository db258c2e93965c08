"""Files and processes: reading Japanese text files, atomic writes, reproducible zips, worker pools."""
