"""What a browser sees outside the agency portal: the landing page at /, the navigation bar every
analyst page carries, sign-out, the favicon, and HTML error pages in Persian (never raw JSON)."""
