# The image compose.yaml builds: paperfeed installed from its wheel (migrations included),
# with the S3 target and the Flower monitor, on Python 3.11, run by an unprivileged user
# (uid 10001) that owns PAPERFEED_HOME and nothing else.
FROM python:3.11-slim
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY worker ./worker
COPY feeds ./feeds
COPY migrations ./migrations
RUN pip install --no-cache-dir ".[s3,flower]" && rm -rf /src \
 && groupadd --system --gid 10001 paperfeed \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/paperfeed --no-create-home \
      --shell /usr/sbin/nologin paperfeed \
 && mkdir -p /var/lib/paperfeed \
 && chown paperfeed:paperfeed /var/lib/paperfeed
WORKDIR /
ENV PAPERFEED_HOME=/var/lib/paperfeed
USER 10001:10001
CMD ["paperfeed", "run"]
