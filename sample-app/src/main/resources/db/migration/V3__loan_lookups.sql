-- Open loans are looked up by book; the ISBN arrives with the catalogue import.
CREATE INDEX loan_open_by_book ON loan (book_id) WHERE returned_at IS NULL;

ALTER TABLE book ADD COLUMN isbn TEXT;
