"""Persian text and Jalali dates, done once for the whole service."""
