package io.github.migrationguard.restore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Every b-tree page of a database as SQLite itself reads it ({@code dbstat}): which table or index owns it, its type,
 * cells, payload and free bytes, in page order, digested. Read through SQLite, so pages still in the WAL count; a
 * restore that copied every page one for one gives the live database the same map as its snapshot.
 *
 * @param pages how many b-tree pages were read
 * @param digest SHA-256 over every page's description
 */
record PageMap(long pages, String digest) {

    private static final String SQL = "SELECT pageno, name, pagetype, ncell, payload, unused, mx_payload"
            + " FROM dbstat WHERE aggregate = FALSE ORDER BY pageno";

    static PageMap of(Connection connection) throws SQLException {
        MessageDigest digest = sha256();
        long pages = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SQL)) {
            while (rows.next()) {
                pages++;
                StringBuilder page = new StringBuilder();
                for (int column = 1; column <= 7; column++) {
                    page.append(rows.getString(column)).append('|');
                }
                digest.update(page.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new PageMap(pages, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}
