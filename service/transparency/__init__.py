"""The public face of working-group governance (issue 19): published transparency reports as a
Persian page anyone may read (no sign-in) and as PDFs."""
