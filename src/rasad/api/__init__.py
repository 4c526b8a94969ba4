"""The HTTP API (FastAPI) over the event store; ``rasad.api.app.create_app(db_url)``."""
