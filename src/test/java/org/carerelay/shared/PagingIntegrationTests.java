package org.carerelay.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.carerelay.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Pages of a list and their totals, over a list of numbers the database makes up. */
@IntegrationTest
class PagingIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void countsAListOfAThousandExactly() {
        ListPage<Integer> page = numbers(1_000, new PageRequest(0, 50));
        assertThat(page.items()).hasSize(50).startsWith(1);
        assertThat(page.total()).isEqualTo(1_000);
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void stopsCountingALongerListAtAThousand() {
        ListPage<Integer> page = numbers(250_000, new PageRequest(0, 50));
        assertThat(page.total()).isEqualTo(Paging.COUNT_LIMIT);
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void countsToTheEndOfAPageBeyondTheFirstThousand() {
        ListPage<Integer> page = numbers(250_000, new PageRequest(30, 50));
        assertThat(page.items()).startsWith(1_501);
        assertThat(page.total()).as("at least this page, and more").isEqualTo(1_550);
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void aLastPageOrAPagePastTheEndTellsTheExactTotal() {
        assertThat(numbers(1_234, new PageRequest(24, 50))).extracting(ListPage::total, ListPage::totalExact)
                .containsExactly(1_234L, true);
        assertThat(numbers(1_234, new PageRequest(40, 50))).extracting(ListPage::total, ListPage::totalExact)
                .containsExactly(1_234L, true);
        assertThat(numbers(0, new PageRequest(0, 50))).extracting(ListPage::total, ListPage::totalExact)
                .containsExactly(0L, true);
    }

    private ListPage<Integer> numbers(int count, PageRequest page) {
        return Paging.page(jdbc, "n", "FROM generate_series(1, :count) n WHERE true", "n", Map.of("count", count),
                (rs, row) -> rs.getInt("n"), page);
    }
}
