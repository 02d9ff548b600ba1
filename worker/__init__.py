"""paperfeed's worker: settings, parsing, storage, ingest and the Celery tasks around them."""
