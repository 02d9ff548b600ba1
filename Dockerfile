# The image compose.yaml builds: paperfeed installed from its wheel (migrations included),
# with the S3 target and the Flower monitor, on Python 3.11.
FROM python:3.11-slim
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY worker ./worker
COPY feeds ./feeds
COPY migrations ./migrations
RUN pip install --no-cache-dir ".[s3,flower]" && rm -rf /src
WORKDIR /
ENV PAPERFEED_HOME=/var/lib/paperfeed
CMD ["paperfeed", "run"]
