package org.carerelay.shared;

import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs a list query as one page plus the total count, over the same {@code FROM … WHERE …} clause. */
public final class Paging {

    private Paging() {
    }

    /**
     * @param from    {@code FROM … WHERE …}, scoped by practice, with named parameters
     * @param orderBy a total order, so that pages neither repeat nor skip rows
     */
    public static <T> ListPage<T> page(JdbcClient jdbc, String select, String from, String orderBy,
            Map<String, ?> params, RowMapper<T> mapper, PageRequest page) {
        long total = jdbc.sql("SELECT count(*) " + from).params(params).query(Long.class).single();
        var items = jdbc.sql("SELECT " + select + " " + from + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(mapper)
                .list();
        return new ListPage<>(items, page.page(), page.size(), total);
    }
}
