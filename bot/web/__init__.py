"""Webhook mode: the ASGI app (webhook, /healthz, /metrics), its metrics, and the record of
handled update ids that lets several instances share one bot."""
