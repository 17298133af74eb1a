CREATE TABLE books (id serial PRIMARY KEY, title text NOT NULL, year int);
INSERT INTO books (title, year) VALUES ('Dune', 1965), ('Neuromancer', 1984);
