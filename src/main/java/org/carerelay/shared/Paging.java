package org.carerelay.shared;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs a list query as one page plus its total, over the same {@code FROM … WHERE …} clause. */
public final class Paging {

    /**
     * Counting stops after this many rows (or at the end of the requested page, if that is further): an exact
     * count reads every row the filter selects, which in a large practice (a million messages, hundreds of
     * thousands of conversations) costs far more than the page itself, and nobody pages through a thousand.
     */
    public static final int COUNT_LIMIT = 1_000;

    private Paging() {
    }

    /**
     * @param from    {@code FROM … WHERE …}, scoped by practice, with named parameters
     * @param orderBy a total order, so that pages neither repeat nor skip rows
     */
    public static <T> ListPage<T> page(JdbcClient jdbc, String select, String from, String orderBy,
            Map<String, ?> params, RowMapper<T> mapper, PageRequest page) {
        // Limit and offset as literals (they are ints): the planner then knows them even in the generic plan of a
        // statement prepared many times, and picks the ordered index scan a short page wants.
        List<T> items = jdbc.sql("SELECT " + select + " " + from + " ORDER BY " + orderBy + " LIMIT " + page.size()
                        + " OFFSET " + page.offset())
                .params(params)
                .query(mapper)
                .list();
        if (items.size() < page.size() && (!items.isEmpty() || page.offset() == 0)) {
            // The last page: it tells the total without counting.
            return new ListPage<>(items, page.page(), page.size(), page.offset() + items.size());
        }
        long limit = Math.max(COUNT_LIMIT, page.offset() + page.size());
        long counted = jdbc.sql("SELECT count(*) FROM (SELECT 1 " + from + " LIMIT " + (limit + 1) + ") counted")
                .params(params)
                .query(Long.class)
                .single();
        return counted > limit ? new ListPage<>(items, page.page(), page.size(), limit, false)
                : new ListPage<>(items, page.page(), page.size(), counted);
    }
}
