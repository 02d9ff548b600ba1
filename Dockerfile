# The image compose.yaml builds: paperfeed and its dependencies on Python 3.11.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY worker ./worker
COPY feeds ./feeds
COPY migrations ./migrations
RUN pip install --no-cache-dir -e .
ENV PAPERFEED_HOME=/var/lib/paperfeed
CMD ["paperfeed", "run"]
