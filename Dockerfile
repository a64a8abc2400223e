# Arrival Desk: one image, run as several webhook instances on one PostgreSQL (see compose.yaml
# and README "Deploying"). Two stages: the first builds every wheel (with a compiler, for any
# dependency without a ready wheel for this platform); the second installs only those wheels,
# has no compiler and runs as an unprivileged user.

# -- 1. build the wheels ---------------------------------------------------------------------------
FROM python:3.11-slim AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY storage ./storage
RUN pip wheel --wheel-dir /wheels .

# -- 2. the image that runs ------------------------------------------------------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DATA_DIR=/app/data \
    FAQ_DIR=/app/faq \
    LOCALES_DIR=/app/locales \
    SERVICES_FILE=/app/faq/services.yaml \
    INDICATORS_FILE=/app/faq/indicators.yaml \
    LEMMA_CACHE_DIR=/app/lemmas \
    WEBHOOK_LISTEN=0.0.0.0 \
    WEBHOOK_PORT=8080 \
    MPLCONFIGDIR=/tmp/matplotlib
COPY --from=builder /wheels /tmp/wheels
RUN pip install --no-index --find-links=/tmp/wheels arrival-desk && rm -rf /tmp/wheels
# The search's dictionaries (simplemma's tries, bot/faq/dictionaries.py) made once, here: no
# container spends its first start on them.
RUN python -m bot.faq.dictionaries
WORKDIR /app
COPY locales ./locales
COPY faq ./faq
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home arrival \
    && mkdir -p /app/data \
    && chown arrival:arrival /app/data
USER arrival
VOLUME ["/app/data"]
EXPOSE 8080

# No curl in the slim image: Python asks the instance's own /healthz (any non-2xx fails).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('WEBHOOK_PORT', '8080'), timeout=4)"]

# docker stop sends SIGTERM: the bot stops taking updates, finishes those in flight, exits 0.
STOPSIGNAL SIGTERM
# Migrations first (several instances starting together take turns; see storage/db.py), then
# the bot; `exec` replaces the shell, so the bot is the process that receives SIGTERM.
CMD ["sh", "-c", "arrival-desk db upgrade && exec arrival-desk run --webhook"]
