FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY storage ./storage
RUN pip install --no-cache-dir .
COPY locales ./locales
COPY faq ./faq

RUN useradd --create-home arrival && mkdir -p /app/data && chown arrival /app/data
USER arrival
VOLUME ["/app/data"]
# SIGTERM (docker stop) stops polling cleanly.
STOPSIGNAL SIGTERM
CMD ["arrival-desk", "run"]
