FROM python:3.12-slim
RUN pip install --no-cache-dir psycopg[binary]==3.2.3
RUN useradd --create-home student
USER student
