-- read from the classpath by the fingerprint recorder
CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);
