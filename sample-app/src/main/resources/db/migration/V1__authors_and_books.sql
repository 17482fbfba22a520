-- Authors and the books they wrote.
CREATE TABLE author (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL
);

CREATE TABLE book (
    id        INTEGER PRIMARY KEY,
    title     TEXT    NOT NULL,
    author_id INTEGER NOT NULL REFERENCES author (id)
);

INSERT INTO author (id, name) VALUES (1, 'Ursula K. Le Guin'), (2, 'Italo Calvino');
INSERT INTO book (title, author_id) VALUES
    ('A Wizard of Earthsea', 1),
    ('The Dispossessed', 1),
    ('Invisible Cities', 2);
