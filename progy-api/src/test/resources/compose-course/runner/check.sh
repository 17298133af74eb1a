# Reaches the web service by its name: the page it built, the volume the seed service filled, a course folder.
wget -q -O - "$WEB_URL" && wget -q -O - http://web:8080/data/seed.txt && wget -q -O - http://web:8080/static/hello.txt \
  && wget -q -O - http://web:8080/hardening.txt
