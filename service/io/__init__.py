"""Files in and out: XLSX workbooks and CSV sheets in the registry's bundle shape."""
