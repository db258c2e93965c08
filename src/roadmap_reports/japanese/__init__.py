"""Rules of Japanese text, each in one place: the calendar, display width, comparison keys, phrases, KPI text."""
