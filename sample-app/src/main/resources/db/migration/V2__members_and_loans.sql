-- Members borrow books; a loan is open until it is returned.
CREATE TABLE member (
    id    INTEGER PRIMARY KEY,
    name  TEXT    NOT NULL,
    email TEXT    NOT NULL UNIQUE
);

CREATE TABLE loan (
    id          INTEGER PRIMARY KEY,
    book_id     INTEGER NOT NULL REFERENCES book (id),
    member_id   INTEGER NOT NULL REFERENCES member (id),
    borrowed_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    returned_at TEXT
);
