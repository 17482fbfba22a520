package io.github.migrationguard.sample;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Books, members and loans over HTTP.
 */
@RestController
@RequestMapping("/api")
class LibraryController {

    private final JdbcClient jdbc;

    LibraryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/books")
    List<Book> books() {
        return this.jdbc
                .sql("SELECT id, title, author_id, isbn FROM book ORDER BY id")
                .query(Book.class)
                .list();
    }

    @PostMapping("/books")
    @ResponseStatus(HttpStatus.CREATED)
    Book addBook(@RequestBody Book book) {
        long id = insert(
                "INSERT INTO book (title, author_id, isbn) VALUES (?, ?, ?)",
                book.title(),
                book.authorId(),
                book.isbn());
        return new Book(id, book.title(), book.authorId(), book.isbn());
    }

    @GetMapping("/members")
    List<Member> members() {
        return this.jdbc
                .sql("SELECT id, name, email FROM member ORDER BY id")
                .query(Member.class)
                .list();
    }

    @PostMapping("/members")
    @ResponseStatus(HttpStatus.CREATED)
    Member addMember(@RequestBody Member member) {
        long id = insert("INSERT INTO member (name, email) VALUES (?, ?)", member.name(), member.email());
        return new Member(id, member.name(), member.email());
    }

    @GetMapping("/loans")
    List<Loan> openLoans() {
        return this.jdbc
                .sql("SELECT id, book_id, member_id, borrowed_at, returned_at FROM loan "
                        + "WHERE returned_at IS NULL ORDER BY id")
                .query(Loan.class)
                .list();
    }

    @PostMapping("/loans")
    @ResponseStatus(HttpStatus.CREATED)
    Loan lend(@RequestBody Loan loan) {
        long id = insert("INSERT INTO loan (book_id, member_id) VALUES (?, ?)", loan.bookId(), loan.memberId());
        return loan(id);
    }

    @PostMapping("/loans/{id}/return")
    Loan giveBack(@PathVariable long id) {
        int updated = this.jdbc
                .sql("UPDATE loan SET returned_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                        + "WHERE id = ? AND returned_at IS NULL")
                .param(id)
                .update();
        if (updated == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No open loan " + id);
        }
        return loan(id);
    }

    private Loan loan(long id) {
        return this.jdbc
                .sql("SELECT id, book_id, member_id, borrowed_at, returned_at FROM loan WHERE id = ?")
                .param(id)
                .query(Loan.class)
                .single();
    }

    private long insert(String sql, Object... params) {
        KeyHolder keys = new GeneratedKeyHolder();
        this.jdbc.sql(sql).params(params).update(keys);
        return keys.getKey().longValue();
    }
}
