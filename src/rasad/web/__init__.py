"""The dashboard: static files served by rasad.api.app (see static/)."""
