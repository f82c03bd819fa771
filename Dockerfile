# Hamahang API image: the `service` package installed from pyproject.toml into a
# virtualenv, plus the Cypher library (cypher/), run as a non-root user.
#
#   docker build -t hamahang-api .
#   docker compose up -d          (see docker-compose.yml)
#
# The build context is the repository root. Only the files named in COPY below
# enter the image, so .venv/, var/ and node_modules/ never do.

FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src
# README*/LICENSE* are optional (a wildcard that matches nothing is fine under
# BuildKit); they are copied in case pyproject.toml names them as metadata.
COPY pyproject.toml requirements.lock README* LICENSE* ./
COPY service ./service
COPY cypher ./cypher

# The pinned versions (requirements.lock, made by `make lock`), then a regular (not editable) install:
# the package and its data files go into site-packages, the source tree stays behind in this stage.
RUN pip install --require-hashes --no-deps -r requirements.lock && pip install --no-deps .

# Fail the build, not the first request, if pyproject.toml leaves out any file
# under service/data (run from / so that the installed copy is the one imported).
RUN cd / && python -c "import pathlib, service; src = pathlib.Path('/src/service/data'); dst = pathlib.Path(service.__file__).parent / 'data'; missing = [str(p.relative_to(src)) for p in src.rglob('*') if p.is_file() and not (dst / p.relative_to(src)).is_file()]; assert not missing, 'pyproject.toml does not install these service/data files: %s' % missing[:10]"


FROM python:3.11-slim AS runtime

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HAMAHANG_ENV=production \
    HAMAHANG_HOST=0.0.0.0 \
    HAMAHANG_PORT=8000 \
    HAMAHANG_DATA_DIR=/app/var \
    HAMAHANG_CYPHER_DIR=/opt/hamahang/cypher

RUN groupadd --system --gid 10001 hamahang \
    && useradd --system --uid 10001 --gid hamahang --home-dir /app \
       --no-create-home --shell /usr/sbin/nologin hamahang \
    && mkdir -p /app/var \
    && chown -R hamahang:hamahang /app

COPY --from=build /opt/venv /opt/venv
# The service finds its statements through HAMAHANG_CYPHER_DIR (see
# service/storage/queries.py), whether or not the wheel also ships them.
COPY cypher /opt/hamahang/cypher

# /app holds no source code, so `python -m service` imports the installed package.
WORKDIR /app
USER 10001:10001

EXPOSE 8000

CMD ["python", "-m", "service", "serve"]
