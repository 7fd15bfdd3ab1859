"""Open data and downloads: the knowledge base as CSV, JSON, SQLite, XLSX and iCalendar files."""
