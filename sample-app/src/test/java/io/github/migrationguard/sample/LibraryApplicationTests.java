package io.github.migrationguard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The sample app on a fresh database: schema created, REST API answering.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LibraryApplicationTests {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void freshDataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("library-fresh");
        registry.add("library.data-dir", dir::toString);
    }

    @Test
    void servesTheCatalogueAndLendsBooks() {
        RestClient client = RestClient.create("http://localhost:" + this.port);
        List<?> books = client.get().uri("/api/books").retrieve().body(List.class);
        assertThat(books).hasSize(3);
        Member member = client.post()
                .uri("/api/members")
                .body(new Member(null, "Tenar", "tenar@atuan.example"))
                .retrieve()
                .body(Member.class);
        Loan loan = client.post()
                .uri("/api/loans")
                .body(new Loan(null, 1, member.id(), null, null))
                .retrieve()
                .body(Loan.class);
        assertThat(loan.returnedAt()).isNull();
        Loan returned = client.post()
                .uri("/api/loans/" + loan.id() + "/return")
                .retrieve()
                .body(Loan.class);
        assertThat(returned.returnedAt()).isNotNull();
    }
}
