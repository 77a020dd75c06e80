# One container runs the whole lab: `docker build -t rnn-lab . && docker run -p 8501:8501 rnn-lab`.
# See docs/DEPLOY.md for several replicas behind a load balancer and for GPU hosts.
FROM python:3.11-slim-bookworm

WORKDIR /app
ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    LAB_JAX_CACHE=/app/.jax_cache

# Only the app's pins (the lines above the test tools in requirements.txt): no pytest, ruff or Playwright.
COPY requirements.txt .
RUN sed '/^# The tests/,$d' requirements.txt > requirements-app.txt \
    && pip install -r requirements-app.txt

COPY . .
# Compile the common views once at build time, so every container starts with a warm JAX cache.
RUN python -m visualizer.views.catalog

# Trained authorship models: mount a shared folder read-only at /app/models (docs/DEPLOY.md).
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
CMD ["python", "-m", "streamlit", "run", "streamlit_app.py", "--server.address=0.0.0.0", "--server.port=8501"]
