package io.github.migrationguard.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements, without comments, each with the line it starts on. Good enough to lint:
 * quoted text and comments are understood, trigger bodies may come out in pieces.
 */
final class SqlStatements {

    private SqlStatements() {}

    /**
     * A statement of a script.
     *
     * @param line the line the statement starts on, from 1
     * @param sql the statement, comments removed, whitespace collapsed, without the semicolon
     */
    record Statement(int line, String sql) {}

    static List<Statement> split(String script) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = 0;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            int end = skipNonCode(script, i);
            if (end > i) {
                line += count(script, i, end);
                current.append(' ');
                i = end;
                continue;
            }
            if (c == ';') {
                add(statements, startLine, current);
                current.setLength(0);
                startLine = 0;
            } else {
                if (startLine == 0 && !Character.isWhitespace(c)) {
                    startLine = line;
                }
                int quoteEnd = quoteEnd(script, i);
                current.append(script, i, quoteEnd);
                line += count(script, i, quoteEnd);
                i = quoteEnd;
                continue;
            }
            i++;
        }
        add(statements, startLine, current);
        return statements;
    }

    private static int skipNonCode(String script, int i) {
        if (script.startsWith("--", i)) {
            int newline = script.indexOf('\n', i);
            return (newline >= 0) ? newline : script.length();
        }
        if (script.startsWith("/*", i)) {
            int close = script.indexOf("*/", i + 2);
            return (close >= 0) ? close + 2 : script.length();
        }
        return i;
    }

    private static int quoteEnd(String script, int i) {
        char c = script.charAt(i);
        char close =
                switch (c) {
                    case '\'', '"', '`' -> c;
                    case '[' -> ']';
                    default -> 0;
                };
        if (close == 0) {
            return i + 1;
        }
        int end = script.indexOf(close, i + 1);
        return (end >= 0) ? end + 1 : script.length();
    }

    private static int count(String script, int from, int to) {
        int newlines = 0;
        for (int i = from; i < to; i++) {
            if (script.charAt(i) == '\n') {
                newlines++;
            }
        }
        return newlines;
    }

    private static void add(List<Statement> statements, int line, StringBuilder sql) {
        String text = sql.toString().replaceAll("\\s+", " ").trim();
        if (!text.isEmpty()) {
            statements.add(new Statement(line, text));
        }
    }
}
