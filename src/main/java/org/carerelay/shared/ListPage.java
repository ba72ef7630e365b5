package org.carerelay.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as every list endpoint returns it: {@code {"items", "page", "size", "total", "totalExact"}}.
 *
 * @param total      how many there are; when {@code totalExact} is false, how many were counted before counting
 *                   stopped ({@link Paging#COUNT_LIMIT}): there are more
 * @param totalExact whether {@code total} is the whole count
 */
public record ListPage<T>(List<T> items, int page, int size, long total, boolean totalExact) {

    /** A page whose total is exact. */
    public ListPage(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }

    public <R> ListPage<R> map(Function<? super T, ? extends R> mapper) {
        return new ListPage<>(items.stream().<R>map(mapper).toList(), page, size, total, totalExact);
    }
}
