package io.github.migrationguard.heal;

import io.github.migrationguard.sql.SqlDialect;
import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database behind a Flyway configuration: where Flyway keeps its tables and how names are quoted there.
 *
 * @param jdbc access to the database
 * @param schema the schema Flyway keeps its history table in, or {@code null} for the connection's current one
 * @param quote the identifier quote string of the database, or {@code null} when it has none
 * @param dialect how the database reads migration SQL
 */
record FlywayDatabase(JdbcTemplate jdbc, String schema, String quote, SqlDialect dialect) {

    /**
     * Asks the database behind a Flyway configuration how to name things.
     * @param configuration the Flyway configuration
     * @return the database
     */
    static FlywayDatabase of(Configuration configuration) {
        DataSource dataSource = configuration.getDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String[] quoteAndProduct = jdbc.execute((ConnectionCallback<String[]>) (connection) -> {
            DatabaseMetaData metaData = connection.getMetaData();
            return new String[] {metaData.getIdentifierQuoteString(), metaData.getDatabaseProductName()};
        });
        String quote = (quoteAndProduct[0] == null || quoteAndProduct[0].isBlank()) ? null : quoteAndProduct[0];
        return new FlywayDatabase(jdbc, defaultSchema(configuration), quote, SqlDialect.of(quoteAndProduct[1]));
    }

    private static String defaultSchema(Configuration configuration) {
        if (configuration.getDefaultSchema() != null) {
            return configuration.getDefaultSchema();
        }
        String[] schemas = configuration.getSchemas();
        return (schemas != null && schemas.length > 0) ? schemas[0] : null;
    }

    /**
     * Returns a table name qualified with Flyway's schema and quoted as the database expects.
     * @param table the table name
     * @return the name to use in SQL
     */
    String qualify(String table) {
        return (this.schema != null) ? quote(this.schema) + "." + quote(table) : quote(table);
    }

    /**
     * Quotes an identifier, keeping its case.
     * @param identifier the identifier
     * @return the quoted identifier
     */
    String quote(String identifier) {
        if (this.quote == null) {
            return identifier;
        }
        return this.quote + identifier.replace(this.quote, this.quote + this.quote) + this.quote;
    }
}
