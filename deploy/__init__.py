"""Serving the lab: `./lab serve` (serve.py) and the nginx config it fills in."""
