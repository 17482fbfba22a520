package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SqlIdentifiers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a database holds, digested: page count, schema, {@code user_version} and every row of every table, read
 * through SQLite, so that commits still in the {@code -wal} file count as much as checkpointed ones. Durable across
 * processes, unlike {@code PRAGMA data_version} or the WAL's checkpoint state, and independent of the header's
 * change counter, which SQLite does not keep up to date in WAL mode. Read through a connection, never by opening the
 * file: closing a descriptor of the live database would drop this process's SQLite locks on it. Costs one read of
 * the data: a crash loop's record holds it only when the files' state cannot prove the database unchanged
 * ({@link DatabaseFileState}).
 *
 * @param pageCount {@code PRAGMA page_count}, compared first
 * @param digest SHA-256 over the schema and every row
 */
record DatabaseContent(long pageCount, String digest) {

    static DatabaseContent of(Connection connection) throws SQLException {
        MessageDigest digest = sha256();
        long pageCount;
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            pageCount = single(statement, "PRAGMA page_count");
            update(digest, "user_version " + single(statement, "PRAGMA user_version"));
            try (ResultSet rows =
                    statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")) {
                while (rows.next()) {
                    update(digest, rows.getString(1) + ' ' + rows.getString(2) + ' ' + rows.getString(4));
                    if ("table".equals(rows.getString(1)) && !isVirtual(rows.getString(4))) {
                        tables.add(rows.getString(2));
                    }
                }
            }
            for (String table : tables) {
                rowsOf(statement, table, digest);
            }
        }
        return new DatabaseContent(pageCount, HexFormat.of().formatHex(digest.digest()));
    }

    private static boolean isVirtual(String sql) {
        // A virtual table's rows live in its shadow tables, which are read like any other
        return sql == null || sql.regionMatches(true, 0, "CREATE VIRTUAL", 0, "CREATE VIRTUAL".length());
    }

    private static void rowsOf(Statement statement, String table, MessageDigest digest) throws SQLException {
        update(digest, "table " + table);
        // A table scan walks the b-tree in key order: the same content reads back in the same order
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + SqlIdentifiers.quote(table))) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    value(digest, rows.getObject(column));
                }
                digest.update((byte) '\n');
            }
        }
    }

    private static void value(MessageDigest digest, Object value) {
        // Type-tagged and length-prefixed, so that no two different rows digest the same bytes
        byte[] bytes;
        byte type;
        if (value == null) {
            type = 'n';
            bytes = new byte[0];
        } else if (value instanceof byte[] blob) {
            type = 'b';
            bytes = blob;
        } else if (value instanceof String text) {
            type = 's';
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
            type = 'v';
            bytes = value.toString().getBytes(StandardCharsets.UTF_8);
        }
        digest.update(type);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}
